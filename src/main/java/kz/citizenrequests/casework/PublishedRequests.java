package kz.citizenrequests.casework;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What casework publishes about requests (Open311's public list): never personal data;
 * the description, the latest public note and a location rounded to about 100 m only
 * with the citizen's publication consent. The one place that applies that consent.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PublishedRequests {

    private final RequestRepository requests;
    private final EntityManager em;

    public PublishedRequests(RequestRepository requests, EntityManager em) {
        this.requests = requests;
        this.em = em;
    }

    /** A published request: consent already applied (null where it is not given). */
    public record PublishedRequest(String trackingNumber, boolean open, String categoryCode, String branchCode,
                                   String description, String latestPublicNote, Instant receivedAt, Instant updatedAt,
                                   LocalDate dueDate, Double latitude, Double longitude, RequestStatus status,
                                   Outcome outcome) {
    }

    /**
     * A public act on a request an Open311 integrator filed, for its updates feed: the act, when,
     * its note (for a decision, the answer), the status after it, and for a decision or the close
     * that follows it the outcome.
     */
    public record PublishedAct(long id, String trackingNumber, String action, Instant at, String note,
                               RequestStatus status, Outcome outcome) {
    }

    /**
     * The filters of a public list: the given tracking numbers if any (the rest ignored),
     * else received in [from, to), with one of the statuses and categories when given;
     * newest first, pages from 1.
     */
    public record Filter(List<String> trackingNumbers, Instant from, Instant to, Set<RequestStatus> statuses,
                         List<String> categoryCodes, int page, int pageSize) {
    }

    public List<PublishedRequest> find(Filter filter) {
        List<Request> found;
        if (!filter.trackingNumbers().isEmpty()) {
            found = requests.list("trackingNumber in ?1 order by receivedAt desc, id desc", filter.trackingNumbers());
        } else {
            StringBuilder where = new StringBuilder("receivedAt >= :from and receivedAt < :to");
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("from", filter.from());
            parameters.put("to", filter.to());
            if (!filter.statuses().isEmpty()) {
                where.append(" and status in :statuses");
                parameters.put("statuses", filter.statuses());
            }
            if (!filter.categoryCodes().isEmpty()) {
                where.append(" and categoryCode in :codes");
                parameters.put("codes", filter.categoryCodes());
            }
            found = requests.find(where + " order by receivedAt desc, id desc", parameters)
                    .range((filter.page() - 1) * filter.pageSize(), filter.page() * filter.pageSize() - 1)
                    .list();
        }
        return published(found);
    }

    public Optional<PublishedRequest> one(String trackingNumber) {
        return requests.findByTrackingNumber(trackingNumber).map(r -> published(List.of(r)).get(0));
    }

    private List<PublishedRequest> published(List<Request> found) {
        Map<Long, String> notes = latestPublicNotes(found.stream().filter(Request::publicationConsent).map(Request::id).toList());
        return found.stream().map(r -> {
            boolean consent = r.publicationConsent();
            return new PublishedRequest(r.trackingNumber(), r.status().isOpen(), r.categoryCode(), r.branchCode(),
                    consent ? r.description() : null, consent ? notes.get(r.id()) : null, r.receivedAt(), r.updatedAt(),
                    r.dueDate(), consent && r.location() != null ? rounded(r.location().latitude()) : null,
                    consent && r.location() != null ? rounded(r.location().longitude()) : null, r.status(), r.outcome());
        }).toList();
    }

    /**
     * The public acts of the given kinds, in [from, to), on the requests filed with one integrator's api key: oldest
     * first, at most {@code limit}. Reads request_history_integrator_public_idx (a range of one
     * key's rows), then each row's request by its primary key. The integrator relays them to the
     * citizen, so notes are not held back for lack of publication consent.
     */
    @SuppressWarnings("unchecked")
    public List<PublishedAct> actsOnRequestsFiledBy(long integratorKeyId, Set<Action> acts, Instant from, Instant to,
                                                    int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT h.id, r.tracking_number, h.action, h.at, h.note, h.to_status,
                               COALESCE(h.details ->> 'outcome', CASE WHEN h.action = 'close' THEN r.outcome END)
                        FROM request_history h JOIN requests r ON r.id = h.request_id
                        WHERE h.integrator_key_id = :key AND h.public AND h.at >= :from AND h.at < :to
                          AND h.action IN (:acts)
                        ORDER BY h.at, h.id
                        LIMIT :limit""")
                .setParameter("key", integratorKeyId).setParameter("from", from).setParameter("to", to)
                .setParameter("acts", acts.stream().map(Action::wire).toList())
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(row -> new PublishedAct(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                instant(row[3]), (String) row[4], RequestStatus.valueOf((String) row[5]),
                row[6] == null ? null : new Outcome.Converter().convertToEntityAttribute((String) row[6]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** The latest public history note of each request that has one (index request_history_request_idx). */
    @SuppressWarnings("unchecked")
    private Map<Long, String> latestPublicNotes(List<Long> ids) {
        Map<Long, String> notes = new HashMap<>();
        if (ids.isEmpty()) {
            return notes;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT ON (request_id) request_id, note FROM request_history "
                        + "WHERE request_id IN (:ids) AND public AND note IS NOT NULL AND note <> '' "
                        + "ORDER BY request_id, id DESC")
                .setParameter("ids", ids).getResultList();
        for (Object[] row : rows) {
            notes.put(((Number) row[0]).longValue(), (String) row[1]);
        }
        return notes;
    }

    private static Double rounded(BigDecimal coordinate) {
        return coordinate == null ? null : coordinate.setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
