package kz.citizenrequests.reference;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.shared.ReferenceStamp;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory copies of reference data follow the database: any change to a reference
 * table moves the stamp, and a change made behind the service's back (another instance,
 * psql) reaches the copies within the check period, with no call to the service.
 */
@QuarkusTest
class ReferenceStampTest {

    @Inject
    DataSource dataSource;

    @Inject
    ReferenceData reference;

    @Inject
    ReferenceStamp stamp;

    @Test
    void everyReferenceTableMovesTheStamp() throws SQLException {
        List<String> changes = List.of(
                "UPDATE regions SET centre_name = centre_name WHERE code = 'KZ-10'",
                "UPDATE districts SET name_en = name_en WHERE false",
                "UPDATE branches SET name_en = name_en WHERE code = 'ABA-RB'",
                "UPDATE categories SET sort_order = sort_order WHERE code = 'ecology'",
                "DELETE FROM routing_rules WHERE false",
                "DELETE FROM calendar_days WHERE false");
        for (String change : changes) {
            long before = read();
            sql(change);
            assertNotEquals(before, read(), "the stamp did not move for: " + change);
        }
    }

    @Test
    void aChangeBehindTheServicesBackIsSeenWithinTheCheckPeriod() throws SQLException {
        assertTrue(reference.branch("ABA-RB").isPresent());
        sql("UPDATE branches SET active = false WHERE code = 'ABA-RB'");
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (reference.branch("ABA-RB").isPresent() && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            assertFalse(reference.branch("ABA-RB").isPresent(), "the copy never saw the change");
        } finally {
            sql("UPDATE branches SET active = true WHERE code = 'ABA-RB'");
            stamp.changedHere();
        }
        assertTrue(reference.branch("ABA-RB").isPresent(), "the copy did not follow the change back");
    }

    private long read() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT stamp FROM reference_stamp")) {
            row.next();
            return row.getLong(1);
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
