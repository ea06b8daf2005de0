package kz.citizenrequests.casework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The log of staff openings of personal data, for administrators to audit. */
@ApplicationScoped
public class AccessLog implements PanacheRepository<PersonalDataAccess> {

    void record(Instant at, String actor, String role, String branch, Request request) {
        persist(new PersonalDataAccess(at, actor, role, branch, request));
    }

    /** Newest first, optionally for one tracking number or one actor; one row more than asked to tell if more follow. */
    public List<PersonalDataAccess> search(String trackingNumber, String actor, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (trackingNumber != null) {
            query.append(" and trackingNumber = :trackingNumber");
            parameters.put("trackingNumber", trackingNumber);
        }
        if (actor != null) {
            query.append(" and actor = :actor");
            parameters.put("actor", actor);
        }
        return find(query + " order by at desc, id desc", parameters).range(page * size, page * size + size).list();
    }
}
