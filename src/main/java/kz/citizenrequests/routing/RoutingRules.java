package kz.citizenrequests.routing;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import kz.citizenrequests.reference.District;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Problem.FieldError;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.ReferenceStamp;

import java.util.ArrayList;
import java.util.List;

/** Administrators keep the routing rules; new requests are routed by them at once (on other instances within the reference stamp's check period). */
@ApplicationScoped
@Transactional
public class RoutingRules implements PanacheRepository<RoutingRule> {

    private final ReferenceData reference;
    private final ReferenceStamp stamp;

    public RoutingRules(ReferenceData reference, ReferenceStamp stamp) {
        this.reference = reference;
        this.stamp = stamp;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoutingRule> all() {
        return list("order by regionCode, districtCode nulls first, categoryCode nulls first, id");
    }

    public RoutingRule add(String region, String district, String category, String branch) {
        List<FieldError> errors = new ArrayList<>();
        if (reference.region(region).isEmpty()) {
            errors.add(new FieldError("region", "unknown region code"));
        }
        if (district != null) {
            District known = reference.district(district).orElse(null);
            if (known == null || !known.regionCode().equals(region)) {
                errors.add(new FieldError("district", "unknown district, or not in the region"));
            }
        }
        if (category != null && reference.category(category).isEmpty()) {
            errors.add(new FieldError("category", "unknown category code"));
        }
        if (reference.branch(branch).isEmpty()) {
            errors.add(new FieldError("branch", "unknown or inactive branch"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        RoutingRule rule = new RoutingRule(region, district, category, branch);
        stamp.changedHere();
        try {
            // an identity column: the insert happens here, not at commit
            persist(rule);
        } catch (PersistenceException e) {
            throw new ProblemException(409, "conflict", "Conflict",
                    "A rule for this region, district and category exists; remove it first.");
        }
        return rule;
    }

    public boolean remove(long id) {
        stamp.changedHere();
        return deleteById(id);
    }
}
