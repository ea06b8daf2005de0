package kz.citizenrequests.notifications;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import kz.citizenrequests.TestData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The outbox rows of a request, read behind the service's back, and citizens to submit for. */
final class Outbox {

    record Row(long id, long historyId, String action, String channel, String recipient, String status,
               int attempts, Instant nextAttemptAt, String lastError, Instant sentAt) {
    }

    private Outbox() {
    }

    /** The rows of one request, in the order the acts were recorded. */
    static List<Row> of(String trackingNumber) {
        return query("SELECT id, history_id, action, channel, recipient, status, attempts, next_attempt_at, last_error, "
                + "sent_at FROM notification_outbox WHERE tracking_number = ? ORDER BY history_id, channel", trackingNumber);
    }

    static Row byId(long id) {
        return query("SELECT id, history_id, action, channel, recipient, status, attempts, next_attempt_at, last_error, "
                + "sent_at FROM notification_outbox WHERE id = ?", id).get(0);
    }

    private static List<Row> query(String sql, Object parameter) {
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getLong(2), result.getString(3), result.getString(4),
                            result.getString(5), result.getString(6), result.getInt(7),
                            result.getTimestamp(8).toInstant(), result.getString(9),
                            result.getTimestamp(10) == null ? null : result.getTimestamp(10).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Marks the pending rows of other tests' requests as sent, so that a test relays only its
     * own notifications (the other tests never relay theirs).
     */
    static void setAsideOthers() {
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE notification_outbox SET status = 'sent', sent_at = now() WHERE status = 'pending'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the relay at {@code now} until nothing more is due then. */
    static void drain(NotificationRelay relay, Instant now) {
        while (relay.runOnce(now) > 0) {
            // next batch
        }
    }

    /** A new e-mail address, so a test counts only its own messages. */
    static String newEmail() {
        return "citizen-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "@example.kz";
    }

    /** A new mobile number in the form the form accepts. */
    static String newPhone() {
        int number = ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        return "+7 701 " + number;
    }

    /** A submission in {@code language} from a citizen with the given contacts (null leaves one out). */
    static Map<String, Object> submission(String language, String email, String phone) {
        Map<String, Object> body = TestData.with(TestData.submission(), "language", language);
        body = TestData.withCitizen(body, "email", email);
        return TestData.withCitizen(body, "phone", phone);
    }
}
