package kz.citizenrequests.casework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.Jdbc;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The log of staff openings of personal data, for administrators to audit. */
@ApplicationScoped
public class AccessLog implements PanacheRepository<PersonalDataAccess> {

    private final Jdbc jdbc;

    public AccessLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Logs one opening in the reading's own transaction. Plain JDBC: every staff reading of a
     * request writes this row, and Hibernate's identity insert read the whole row back for an id
     * nobody needs (docs/PERFORMANCE.md).
     */
    void record(Instant at, String actor, String role, String branch, Request request) {
        jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO personal_data_access "
                    + "(at, actor, role, branch_code, request_id, tracking_number) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, Jdbc.utc(at));
                insert.setString(2, actor);
                insert.setString(3, role);
                insert.setString(4, branch);
                insert.setLong(5, request.id());
                insert.setString(6, request.trackingNumber());
                return insert.executeUpdate();
            }
        });
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
        return find(query + " order by at desc, id desc", parameters).range(page * size, page * size + size - 1).list();
    }
}
