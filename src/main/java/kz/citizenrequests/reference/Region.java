package kz.citizenrequests.reference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import kz.citizenrequests.shared.LocalizedText;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;

/**
 * A first-level region of Kazakhstan (ISO 3166-2:KZ code). Regions change only by
 * migration, never at run time; {@link ReferenceData} keeps them in memory with the rest.
 */
@Entity
@Immutable
@Table(name = "regions")
public class Region {

    @Id
    private String code;
    private String prefix;
    @Column(name = "name_kk")
    private String nameKk;
    @Column(name = "name_ru")
    private String nameRu;
    @Column(name = "name_en")
    private String nameEn;
    @Column(name = "centre_name")
    private String centreName;
    @Column(name = "centre_lat")
    private BigDecimal centreLat;
    @Column(name = "centre_lon")
    private BigDecimal centreLon;

    protected Region() {
    }

    public String code() {
        return code;
    }

    /** The three letters that open this region's tracking numbers, e.g. AST. */
    public String prefix() {
        return prefix;
    }

    public LocalizedText names() {
        return new LocalizedText(nameKk, nameRu, nameEn);
    }

    public String centreName() {
        return centreName;
    }

    public BigDecimal centreLat() {
        return centreLat;
    }

    public BigDecimal centreLon() {
        return centreLon;
    }
}
