package kz.citizenrequests.casework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import kz.citizenrequests.shared.Jdbc;

import java.sql.PreparedStatement;
import java.util.List;

/**
 * The append-only history of acts on requests. The table is partitioned by the year of the act
 * (migration V35); a request's history is read by request alone, one index probe per year,
 * which measured faster than bounding it by the receipt (docs/SCALING.md).
 */
@ApplicationScoped
public class HistoryRepository implements PanacheRepository<HistoryEntry> {

    private final Event<PublicAct> publicActs;
    private final Jdbc jdbc;
    private final ObjectMapper json;

    public HistoryRepository(Event<PublicAct> publicActs, Jdbc jdbc, ObjectMapper json) {
        this.publicActs = publicActs;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Appends the act's row and, when the citizen is to be told of it, announces it in the same
     * transaction: the one way every act, by staff, citizen or the system, enters the history.
     * The row is written with plain JDBC, as every act writes one (docs/PERFORMANCE.md); the
     * entry gets the id the database chose.
     */
    void record(Request request, HistoryEntry entry) {
        String details = detailsJson(entry);
        entry.stored(jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch,
                        to_branch, note, public, details, integrator_key_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                    RETURNING id""")) {
                entry.bind(insert, details);
                return Jdbc.singleLong(insert);
            }
        }));
        if (entry.isPublic()) {
            publicActs.fire(PublicAct.of(request, entry));
        }
    }

    private String detailsJson(HistoryEntry entry) {
        try {
            return json.writeValueAsString(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The details of an act are strings, numbers and booleans", e);
        }
    }

    public List<HistoryEntry> of(Request request) {
        return list("request.id = ?1 order by id", request.id());
    }

    /** The detail under which a relayed follow-up keeps the integrator's own id for it. */
    static final String RELAYED_ID = "integratorUpdateId";

    /** The follow-up an integrator already relayed under its own id, if any (request_history_request_idx). */
    java.util.Optional<Long> followUpRelayed(Request request, String integratorUpdateId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery("SELECT id FROM request_history WHERE request_id = :request "
                        + "AND action = 'follow_up' AND details ->> '" + RELAYED_ID + "' = :relayed ORDER BY id LIMIT 1")
                .setParameter("request", request.id()).setParameter("relayed", integratorUpdateId).getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    public List<HistoryEntry> publicOf(Request request) {
        return list("request.id = ?1 and publicEntry = true order by id", request.id());
    }
}
