package kz.citizenrequests.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** (region, optional district, optional category) -> branch. See {@link Router} for how rules are chosen. */
@Entity
@Table(name = "routing_rules")
public class RoutingRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "region_code")
    private String regionCode;
    @Column(name = "district_code")
    private String districtCode;
    @Column(name = "category_code")
    private String categoryCode;
    @Column(name = "branch_code")
    private String branchCode;

    protected RoutingRule() {
    }

    RoutingRule(String regionCode, String districtCode, String categoryCode, String branchCode) {
        this.regionCode = regionCode;
        this.districtCode = districtCode;
        this.categoryCode = categoryCode;
        this.branchCode = branchCode;
    }

    public Long id() {
        return id;
    }

    public String regionCode() {
        return regionCode;
    }

    public String districtCode() {
        return districtCode;
    }

    public String categoryCode() {
        return categoryCode;
    }

    public String branchCode() {
        return branchCode;
    }
}
