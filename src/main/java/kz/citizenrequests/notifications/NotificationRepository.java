package kz.citizenrequests.notifications;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The notification outbox. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepository<Notification> {

    /**
     * Locks up to {@code batch} pending rows due at {@code now}, oldest first, skipping rows that
     * another relay holds locked (index notification_outbox_due_idx). The caller leases them
     * before its transaction commits, so no other relay takes them while the lease runs.
     */
    @SuppressWarnings("unchecked")
    List<Notification> lockDue(Instant now, int batch) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM notification_outbox
                        WHERE status = 'pending' AND next_attempt_at <= :now
                        ORDER BY next_attempt_at
                        LIMIT :batch
                        FOR UPDATE SKIP LOCKED""", Notification.class)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .getResultList();
    }

    /** The parked rows, oldest first; one page. */
    List<Notification> failed(int page, int size) {
        return find("status = ?1 order by id", Notification.FAILED).range(page * size, page * size + size - 1).list();
    }
}
