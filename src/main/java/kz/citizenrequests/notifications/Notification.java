package kz.citizenrequests.notifications;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import kz.citizenrequests.shared.Jdbc;

import java.time.Duration;
import java.time.Instant;

/**
 * One message owed to a citizen for one public act on one channel, in the outbox.
 * <pre>
 *  pending --sent--> sent
 *     ^  \--attempt failed, attempts left--> pending (next_attempt_at later, backing off)
 *     |   \--attempt failed, none left-----> failed --resend (administrator)--+
 *     +-------------------------------------------------------------------------+
 * </pre>
 * A claim by a relay leases the row (pushes {@code next_attempt_at} past the lease) and counts
 * the attempt, so a relay that dies after claiming leaves the row to be claimed again once the
 * lease runs out, and a row that keeps killing relays is parked like one that keeps failing.
 */
@Entity
@Table(name = "notification_outbox")
public class Notification {

    static final String EMAIL = "email";
    static final String SMS = "sms";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "history_id", updatable = false)
    private long historyId;
    /** The act's instant: with the id, the key of its history row (partitioned by it, migration V35). */
    @Column(name = "history_at", updatable = false)
    private Instant historyAt;
    @Column(name = "request_id", updatable = false)
    private long requestId;
    @Column(name = "tracking_number", updatable = false)
    private String trackingNumber;
    @Column(updatable = false)
    private String channel;
    @Column(updatable = false)
    private String recipient;
    @Column(updatable = false)
    private String language;
    @Column(updatable = false)
    private String action;
    @Column(updatable = false)
    private String subject;
    @Column(updatable = false)
    private String body;
    private String status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "sent_at")
    private Instant sentAt;

    protected Notification() {
    }

    static Notification owed(long historyId, long requestId, String trackingNumber, String channel, String recipient,
                             String language, String action, RenderedText text, Instant at) {
        Notification notification = new Notification();
        notification.historyId = historyId;
        notification.historyAt = at;
        notification.requestId = requestId;
        notification.trackingNumber = trackingNumber;
        notification.channel = channel;
        notification.recipient = recipient;
        notification.language = language;
        notification.action = action;
        notification.subject = text.subject();
        notification.body = text.body();
        notification.status = PENDING;
        notification.nextAttemptAt = at;
        notification.createdAt = at;
        return notification;
    }

    /** Binds a new message's columns, in the order of {@link NotificationRepository#owe}'s insert. */
    void bind(java.sql.PreparedStatement insert) throws java.sql.SQLException {
        insert.setLong(1, historyId);
        insert.setObject(2, Jdbc.utc(historyAt));
        insert.setLong(3, requestId);
        insert.setString(4, trackingNumber);
        insert.setString(5, channel);
        insert.setString(6, recipient);
        insert.setString(7, language);
        insert.setString(8, action);
        insert.setString(9, subject);
        insert.setString(10, body);
        insert.setString(11, status);
        insert.setObject(12, Jdbc.utc(nextAttemptAt));
        insert.setObject(13, Jdbc.utc(createdAt));
    }

    /** The attempt failed: try again after {@code backoff}, or park the row when the attempts are used up. */
    void attemptFailed(String error, Instant at, Duration backoff, int maxAttempts) {
        if (!PENDING.equals(status)) {
            return;
        }
        lastError = error;
        if (attempts >= maxAttempts) {
            status = FAILED;
        } else {
            nextAttemptAt = at.plus(backoff);
        }
    }

    /** An administrator sends a parked row again: pending at once, with all its attempts. */
    void resend(Instant at) {
        status = PENDING;
        attempts = 0;
        nextAttemptAt = at;
    }

    /** The idempotency key of this message: the same for every attempt, unique per event and channel. */
    String idempotencyKey() {
        return idempotencyKey(historyId, channel);
    }

    static String idempotencyKey(long historyId, String channel) {
        return "notification-" + historyId + "-" + channel;
    }

    Long id() {
        return id;
    }

    long historyId() {
        return historyId;
    }

    String trackingNumber() {
        return trackingNumber;
    }

    String channel() {
        return channel;
    }

    String recipient() {
        return recipient;
    }

    String language() {
        return language;
    }

    String action() {
        return action;
    }

    String subject() {
        return subject;
    }

    String body() {
        return body;
    }

    String status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    String lastError() {
        return lastError;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant sentAt() {
        return sentAt;
    }
}
