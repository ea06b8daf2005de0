package kz.citizenrequests.notifications;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.Jdbc;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/** The notification outbox. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepository<Notification> {

    private final Jdbc jdbc;

    public NotificationRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the messages one act owes into the outbox, pending and due at once, in one round trip
     * (a JDBC batch): every public act writes here in its own transaction, so this is plain JDBC
     * rather than a persist per message (docs/PERFORMANCE.md).
     */
    void owe(List<Notification> owed) {
        if (owed.isEmpty()) {
            return;
        }
        jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO notification_outbox (history_id, history_at, request_id, tracking_number, channel,
                        recipient, language, action, subject, body, status, attempts, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")) {
                for (Notification message : owed) {
                    message.bind(insert);
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    /**
     * Claims up to {@code batch} pending rows due at {@code now}, oldest first, in one statement:
     * locks them, skipping rows that another relay holds locked (index notification_outbox_due_idx),
     * leases them until {@code until} and counts the attempt. Once committed, no other relay takes
     * them while the lease runs. Answers them in id order, as their couriers need them.
     */
    @SuppressWarnings("unchecked")
    List<Outgoing> claimDue(Instant now, Instant until, int batch) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        UPDATE notification_outbox o SET attempts = o.attempts + 1, next_attempt_at = :until
                        FROM (SELECT id FROM notification_outbox
                              WHERE status = 'pending' AND next_attempt_at <= :now
                              ORDER BY next_attempt_at
                              LIMIT :batch
                              FOR UPDATE SKIP LOCKED) due
                        WHERE o.id = due.id
                        RETURNING o.id, o.channel, o.recipient, o.subject, o.body, o.history_id""")
                .setParameter("now", now)
                .setParameter("until", until)
                .setParameter("batch", batch)
                .getResultList();
        return rows.stream()
                .map(row -> new Outgoing(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                        (String) row[3], (String) row[4],
                        Notification.idempotencyKey(((Number) row[5]).longValue(), (String) row[1])))
                .sorted(java.util.Comparator.comparingLong(Outgoing::id))
                .toList();
    }

    /** Marks these rows sent at {@code at}, in one statement; a row no longer pending stays as it is. */
    void markSent(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("""
                        UPDATE notification_outbox SET status = 'sent', sent_at = :at, last_error = NULL
                        WHERE id IN (:ids) AND status = 'pending'""")
                .setParameter("at", at)
                .setParameter("ids", ids)
                .executeUpdate();
    }

    /** The parked rows, oldest first; one page. */
    List<Notification> failed(int page, int size) {
        return find("status = ?1 order by id", Notification.FAILED).range(page * size, page * size + size - 1).list();
    }
}
