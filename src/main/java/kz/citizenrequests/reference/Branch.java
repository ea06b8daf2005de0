package kz.citizenrequests.reference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import kz.citizenrequests.shared.LocalizedText;

/** A regional or district branch of the party: the body that answers requests. */
@Entity
@Table(name = "branches")
public class Branch {

    @Id
    private String code;
    private String kind;
    @Column(name = "region_code")
    private String regionCode;
    @Column(name = "district_code")
    private String districtCode;
    @Column(name = "name_kk")
    private String nameKk;
    @Column(name = "name_ru")
    private String nameRu;
    @Column(name = "name_en")
    private String nameEn;
    private boolean active;

    protected Branch() {
    }

    Branch(String code) {
        this.code = code;
    }

    void define(String kind, String regionCode, String districtCode, LocalizedText names, boolean active) {
        this.kind = kind;
        this.regionCode = regionCode;
        this.districtCode = districtCode;
        this.nameKk = names.kk();
        this.nameRu = names.ru();
        this.nameEn = names.en();
        this.active = active;
    }

    public String code() {
        return code;
    }

    public String kind() {
        return kind;
    }

    public String regionCode() {
        return regionCode;
    }

    public String districtCode() {
        return districtCode;
    }

    public LocalizedText names() {
        return new LocalizedText(nameKk, nameRu, nameEn);
    }

    public boolean active() {
        return active;
    }
}
