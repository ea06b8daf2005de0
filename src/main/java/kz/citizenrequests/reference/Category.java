package kz.citizenrequests.reference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import kz.citizenrequests.shared.LocalizedText;

/** What a request is about (an Open311 "service"). */
@Entity
@Table(name = "categories")
public class Category {

    @Id
    private String code;
    @Column(name = "name_kk")
    private String nameKk;
    @Column(name = "name_ru")
    private String nameRu;
    @Column(name = "name_en")
    private String nameEn;
    @Column(name = "description_kk")
    private String descriptionKk;
    @Column(name = "description_ru")
    private String descriptionRu;
    @Column(name = "description_en")
    private String descriptionEn;
    @Column(name = "sort_order")
    private int sortOrder;
    private boolean active;

    protected Category() {
    }

    Category(String code) {
        this.code = code;
    }

    void define(LocalizedText names, LocalizedText descriptions, int sortOrder, boolean active) {
        this.nameKk = names.kk();
        this.nameRu = names.ru();
        this.nameEn = names.en();
        this.descriptionKk = descriptions.kk();
        this.descriptionRu = descriptions.ru();
        this.descriptionEn = descriptions.en();
        this.sortOrder = sortOrder;
        this.active = active;
    }

    public int sortOrder() {
        return sortOrder;
    }

    public String code() {
        return code;
    }

    public LocalizedText names() {
        return new LocalizedText(nameKk, nameRu, nameEn);
    }

    public LocalizedText descriptions() {
        return new LocalizedText(descriptionKk, descriptionRu, descriptionEn);
    }

    public boolean active() {
        return active;
    }
}
