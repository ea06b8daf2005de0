package kz.citizenrequests.routing;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.reference.Branch;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.ReferenceStamp;

import java.util.Comparator;
import java.util.List;

/**
 * Chooses the competent branch for a new request from the routing rules: the most
 * specific rule for (region, district, category) wins, a district match outranking a
 * category match; without one, the region's regional branch. Rules pointing at an
 * inactive branch are skipped. The rules are read from a copy in memory that follows the
 * reference stamp, so routing costs no round trip.
 */
@ApplicationScoped
public class Router {

    /** Most specific first: a district match, then a category match. */
    private static final Comparator<RoutingRule> MOST_SPECIFIC_FIRST = Comparator
            .comparing((RoutingRule rule) -> rule.districtCode() == null)
            .thenComparing(rule -> rule.categoryCode() == null);

    private final ReferenceData reference;
    private final ReferenceStamp.Copy<List<RoutingRule>> rules;

    public Router(ReferenceData reference, ReferenceStamp stamp) {
        this.reference = reference;
        this.rules = stamp.copy(session -> List.copyOf(
                session.createQuery("from RoutingRule order by id", RoutingRule.class).getResultList()));
    }

    public String route(String region, String district, String category) {
        return rules.get().stream()
                .filter(rule -> rule.regionCode().equals(region)
                        && (rule.districtCode() == null || rule.districtCode().equals(district))
                        && (rule.categoryCode() == null || rule.categoryCode().equals(category))
                        && reference.branch(rule.branchCode()).isPresent())
                .min(MOST_SPECIFIC_FIRST)
                .map(RoutingRule::branchCode)
                .or(() -> reference.regionalBranch(region).map(Branch::code))
                .orElseThrow(() -> new NoBranchForRegionException(region));
    }
}
