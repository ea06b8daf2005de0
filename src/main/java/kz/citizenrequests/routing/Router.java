package kz.citizenrequests.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * Chooses the competent branch for a new request from the routing rules: the most
 * specific rule for (region, district, category) wins, a district match outranking a
 * category match; without one, the region's regional branch. Rules pointing at an
 * inactive branch are skipped.
 */
@ApplicationScoped
public class Router {

    private final EntityManager em;

    public Router(EntityManager em) {
        this.em = em;
    }

    public String route(String region, String district, String category) {
        @SuppressWarnings("unchecked")
        List<String> match = em.createNativeQuery("""
                SELECT r.branch_code FROM routing_rules r JOIN branches b ON b.code = r.branch_code AND b.active
                WHERE r.region_code = :region
                  AND (r.district_code IS NULL OR r.district_code = :district)
                  AND (r.category_code IS NULL OR r.category_code = :category)
                ORDER BY (r.district_code IS NOT NULL) DESC, (r.category_code IS NOT NULL) DESC
                LIMIT 1
                """)
                .setParameter("region", region)
                .setParameter("district", district == null ? "" : district)
                .setParameter("category", category)
                .getResultList();
        if (!match.isEmpty()) {
            return match.get(0);
        }
        @SuppressWarnings("unchecked")
        List<String> regional = em.createNativeQuery(
                        "SELECT code FROM branches WHERE region_code = :region AND kind = 'regional' AND active")
                .setParameter("region", region)
                .getResultList();
        if (regional.isEmpty()) {
            throw new NoBranchForRegionException(region);
        }
        return regional.get(0);
    }
}
