package kz.citizenrequests.reference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import kz.citizenrequests.shared.LocalizedText;

/** A district (audan) or city district inside a region. */
@Entity
@Table(name = "districts")
public class District {

    @Id
    private String code;
    @Column(name = "region_code")
    private String regionCode;
    @Column(name = "name_kk")
    private String nameKk;
    @Column(name = "name_ru")
    private String nameRu;
    @Column(name = "name_en")
    private String nameEn;

    protected District() {
    }

    public String code() {
        return code;
    }

    public String regionCode() {
        return regionCode;
    }

    public LocalizedText names() {
        return new LocalizedText(nameKk, nameRu, nameEn);
    }
}
