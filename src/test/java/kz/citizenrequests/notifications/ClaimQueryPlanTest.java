package kz.citizenrequests.notifications;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's claim reads the due pending rows from notification_outbox_due_idx, in the index's
 * order, without sorting: the outbox grows with every act, the pending part stays small. (A
 * test database is too small for the planner to prefer an index on its own, so sequential
 * scans are switched off to see which plan the index offers.)
 */
@QuarkusTest
@QuarkusTestResource(NotificationServers.class)
class ClaimQueryPlanTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void claimReadsTheDueIndexInOrder() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            try (ResultSet rows = statement.executeQuery("""
                    EXPLAIN UPDATE notification_outbox o SET attempts = o.attempts + 1, next_attempt_at = now()
                    FROM (SELECT id FROM notification_outbox
                          WHERE status = 'pending' AND next_attempt_at <= now()
                          ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED) due
                    WHERE o.id = due.id
                    RETURNING o.id, o.channel, o.recipient, o.subject, o.body, o.history_id""")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            } finally {
                statement.execute("RESET enable_seqscan");
            }
        }
        assertTrue(plan.toString().contains("Index Scan using notification_outbox_due_idx"), plan.toString());
        assertFalse(plan.toString().contains("Sort"), plan.toString());
    }
}
