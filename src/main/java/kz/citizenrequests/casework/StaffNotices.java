package kz.citizenrequests.casework;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The staff's inbox of deadline events: a warning before a due date (to the assignee, or to
 * the branch's operators when none), an escalation (to the head of the branch and to the
 * regional branch), a late forward (to the receiving branch's head). One notice per request,
 * kind, due date and branch, whichever instance or act writes it first.
 */
@ApplicationScoped
public class StaffNotices {

    static final String DUE_SOON = "due_soon";
    static final String ESCALATED = "escalated";
    static final String LATE_FORWARD = "late_forward";

    private final EntityManager em;

    public StaffNotices(EntityManager em) {
        this.em = em;
    }

    @Schema(name = "StaffNotice")
    public record NoticeView(
            long id,
            @Schema(enumeration = {"due_soon", "escalated", "late_forward"}) String kind,
            String trackingNumber,
            @Schema(description = "The branch told") String branch,
            @Schema(nullable = true, description = "The staff member told; null: the branch's operators or head") String assignee,
            LocalDate dueDate,
            Instant at) {
    }

    /** Adds the notice unless it exists; answers whether it was added. Part of the caller's transaction. */
    boolean add(Request request, String kind, String branch, String assignee, Instant at) {
        return em.createNativeQuery("INSERT INTO staff_notices (request_id, tracking_number, branch_code, assignee, "
                        + "kind, due_date, created_at) VALUES (:request, :number, :branch, :assignee, :kind, :due, :at) "
                        + "ON CONFLICT ON CONSTRAINT staff_notices_once DO NOTHING")
                .setParameter("request", request.id())
                .setParameter("number", request.trackingNumber())
                .setParameter("branch", branch)
                .setParameter("assignee", assignee)
                .setParameter("kind", kind)
                .setParameter("due", request.dueDate())
                .setParameter("at", at)
                .executeUpdate() == 1;
    }

    /**
     * Warns of every open request due from {@code today} to {@code until}, once per due date and
     * branch: one set-based statement, so two instances running it at once add each notice once.
     */
    int warnDueSoon(LocalDate today, LocalDate until, Instant at) {
        return em.createNativeQuery("INSERT INTO staff_notices (request_id, tracking_number, branch_code, assignee, "
                        + "kind, due_date, created_at) "
                        + "SELECT r.id, r.tracking_number, r.branch_code, r.assignee, 'due_soon', r.due_date, :at "
                        + "FROM requests r WHERE r.status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS') "
                        + "AND r.due_date BETWEEN :today AND :until "
                        + "AND NOT EXISTS (SELECT 1 FROM staff_notices n WHERE n.request_id = r.id AND n.kind = 'due_soon' "
                        + "AND n.due_date = r.due_date AND n.branch_code = r.branch_code) "
                        + "ON CONFLICT ON CONSTRAINT staff_notices_once DO NOTHING")
                .setParameter("today", today)
                .setParameter("until", until)
                .setParameter("at", at)
                .executeUpdate();
    }

    /**
     * A staff member's notices, newest first: a head sees every notice of the branch; an
     * operator the warnings addressed to them or to nobody in particular.
     */
    @SuppressWarnings("unchecked")
    public List<NoticeView> of(String branch, String actor, boolean head, int page, int size) {
        String who = head ? "" : " AND kind = 'due_soon' AND (assignee IS NULL OR assignee = :actor)";
        var query = em.createNativeQuery("SELECT id, kind, tracking_number, branch_code, assignee, due_date, created_at "
                        + "FROM staff_notices WHERE branch_code = :branch" + who
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .setParameter("branch", branch)
                .setParameter("limit", size)
                .setParameter("offset", page * size);
        if (!head) {
            query.setParameter("actor", actor);
        }
        return ((List<Object[]>) query.getResultList()).stream()
                .map(row -> new NoticeView(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                        (String) row[3], (String) row[4], toDate(row[5]), toInstant(row[6])))
                .toList();
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
