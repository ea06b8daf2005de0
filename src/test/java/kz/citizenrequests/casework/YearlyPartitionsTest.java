package kz.citizenrequests.casework;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static kz.citizenrequests.TestData.asHead;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history and the access log are partitioned by the year of their instant (migration V35):
 * rows land in their year's partition, a query bounded by the instant skips the other years, a
 * request's history reads whole across a new year, next years' partitions are created once, the
 * partitions stay append-only, and the outbox names its history row by id and instant.
 */
@QuarkusTest
class YearlyPartitionsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    YearlyPartitions partitions;

    @Test
    void rowsLandInThePartitionOfTheirYearAndRowsOfNoCreatedYearInTheDefault() throws SQLException {
        String tn = TestData.submitted();
        long id = requestId(tn);
        int year = thisYear();
        query("SELECT yearly_partition_create('request_history', 2019)");
        insertHistory(id, "2019-06-01 12:00+05", "an old act");
        insertHistory(id, (year + 1) + "-03-01 12:00+05", "an act of next year");
        insertHistory(id, "2045-01-01 12:00+05", "an act of a year without a partition");

        assertEquals(List.of("request_history_y2019", "request_history_y" + year, "request_history_y" + (year + 1),
                        "request_history_default"),
                strings("SELECT tableoid::regclass::text FROM request_history WHERE request_id = " + id + " ORDER BY at"));

        asHead(tn).get("/api/v1/requests/{tn}", tn).then().statusCode(200);
        assertEquals(List.of("personal_data_access_y" + year),
                strings("SELECT tableoid::regclass::text FROM personal_data_access WHERE request_id = " + id));

        // A year whose rows already sit in the DEFAULT partition is refused, not silently split.
        SQLException refused = assertThrows(SQLException.class,
                () -> query("SELECT yearly_partition_create('request_history', 2045)"));
        assertTrue(refused.getMessage().contains("default partition"), refused.getMessage());
    }

    @Test
    void theHistoryOfARequestReadsWholeAcrossTheNewYear() throws SQLException {
        String tn = TestData.submitted();
        long id = requestId(tn);
        int year = thisYear();
        query("SELECT yearly_partition_create('request_history', " + (year - 1) + ")");
        TestData.execute(dataSource, "UPDATE requests SET received_at = TIMESTAMPTZ '" + (year - 1) + "-12-30 10:00+05' "
                + "WHERE id = " + id);
        // an act stamped by an instance whose clock is 90 minutes behind, one on New Year's Eve, one in January
        insertHistory(id, (year - 1) + "-12-30 08:30+05", "stamped by a slow clock");
        insertHistory(id, (year - 1) + "-12-31 16:00+05", "on New Year's Eve");
        insertHistory(id, year + "-01-05 11:00+05", "after the holidays");

        asHead(tn).get("/api/v1/requests/{tn}/history", tn).then().statusCode(200)
                .body("action", contains("submit", "comment", "comment", "comment"))
                .body("note", contains(null, "stamped by a slow clock", "on New Year's Eve", "after the holidays"));
        assertEquals(List.of("request_history_y" + (year - 1), "request_history_y" + (year - 1),
                        "request_history_y" + year, "request_history_y" + year),
                strings("SELECT tableoid::regclass::text FROM request_history WHERE request_id = " + id + " ORDER BY at"));
    }

    @Test
    void aQueryBoundedByTheInstantScansOnlyThePartitionsFromThatYearOn() throws SQLException {
        int year = thisYear();
        query("SELECT yearly_partition_create('request_history', " + (year - 1) + ")");
        String bound = "TIMESTAMPTZ '" + year + "-02-01 00:00+05'";

        // With the bound as a literal (a custom plan), the planner removes the earlier years.
        String plan = String.join("\n", strings("EXPLAIN SELECT * FROM request_history WHERE request_id = 1 AND at >= "
                + bound + " ORDER BY id"));
        assertTrue(plan.contains("request_history_y" + year), plan);
        assertTrue(plan.contains("request_history_y" + (year + 1)), plan);
        assertTrue(plan.contains("request_history_default"), plan);
        assertFalse(plan.contains("request_history_y" + (year - 1)), plan);

        // As pgjdbc runs it from the fifth execution on (a generic plan), the executor removes them at start.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PREPARE history_of(bigint, timestamptz) AS "
                    + "SELECT * FROM request_history WHERE request_id = $1 AND at >= $2 ORDER BY id");
            statement.execute("SET plan_cache_mode = force_generic_plan");
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE history_of(1, " + bound + ")")) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            statement.execute("RESET plan_cache_mode");
            statement.execute("DEALLOCATE history_of");
            String generic = String.join("\n", lines);
            assertTrue(generic.contains("Subplans Removed"), generic);
            assertFalse(generic.contains("request_history_y" + (year - 1)), generic);
        }
    }

    @Test
    void nextYearsPartitionsAreCreatedOnceWhoeverAsks() throws Exception {
        int year = thisYear();
        assertEquals(0, partitions.ensure(), "the migration created this year and the next");
        assertEquals(1, strings("SELECT to_regclass('personal_data_access_y" + (year + 1) + "')::text").size());

        // Two instances at once, three years ahead: the two years' partitions of both logs, created once.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> ensure = () -> Integer.valueOf(strings("SELECT yearly_partitions_ensure(3)").get(0));
            List<Future<Integer>> runs = pool.invokeAll(List.of(ensure, ensure));
            assertEquals(4, runs.get(0).get() + runs.get(1).get());
        } finally {
            pool.shutdown();
        }
        assertEquals(0, partitions.ensure());
        for (String log : List.of("request_history", "personal_data_access")) {
            for (int y = year; y <= year + 3; y++) {
                assertEquals(List.of(log + "_y" + y), strings("SELECT to_regclass('" + log + "_y" + y + "')::text"));
            }
        }
    }

    @Test
    void everyPartitionStaysAppendOnly() throws SQLException {
        String tn = TestData.submitted();
        long id = requestId(tn);
        String partition = "request_history_y" + thisYear();
        for (String sql : List.of("TRUNCATE " + partition + " CASCADE", "TRUNCATE request_history_default CASCADE",
                "TRUNCATE personal_data_access_y" + thisYear(), "TRUNCATE personal_data_access_default",
                "DELETE FROM " + partition + " WHERE request_id = " + id,
                "UPDATE " + partition + " SET note = 'rewritten' WHERE request_id = " + id)) {
            SQLException refused = assertThrows(SQLException.class, () -> query(sql), sql);
            assertTrue(refused.getMessage().contains("append-only"), sql + ": " + refused.getMessage());
        }
        // Without CASCADE the outbox's foreign key refuses it first.
        SQLException refused = assertThrows(SQLException.class, () -> query("TRUNCATE " + partition));
        assertTrue(refused.getMessage().contains("foreign key"), refused.getMessage());
    }

    @Test
    void eachNotificationNamesItsHistoryRowByIdAndInstant() throws SQLException {
        String tn = TestData.submitted();
        assertEquals(List.of("2"), strings("SELECT count(*) FROM notification_outbox o JOIN request_history h "
                + "ON h.id = o.history_id AND h.at = o.history_at WHERE o.tracking_number = '" + tn + "'"));
        long id = requestId(tn);
        insertHistory(id, "now", "not announced");
        SQLException refused = assertThrows(SQLException.class, () -> query(
                "INSERT INTO notification_outbox (history_id, history_at, request_id, tracking_number, channel, recipient, "
                        + "language, action, subject, body, next_attempt_at, created_at) "
                        + "SELECT h.id, h.at - interval '1 second', h.request_id, '" + tn + "', 'sms', '+7 701 234 5678', "
                        + "'ru', 'comment', 'subject', 'body', now(), now() FROM request_history h "
                        + "WHERE h.request_id = " + id + " AND h.note = 'not announced'"));
        assertTrue(refused.getMessage().contains("notification_outbox_history_fkey"), refused.getMessage());
    }

    private int thisYear() throws SQLException {
        return Integer.parseInt(strings("SELECT extract(year FROM now() AT TIME ZONE 'Asia/Almaty')::int").get(0));
    }

    private long requestId(String trackingNumber) throws SQLException {
        return Long.parseLong(strings("SELECT id FROM requests WHERE tracking_number = '" + trackingNumber + "'").get(0));
    }

    private void insertHistory(long requestId, String at, String note) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch,
                                                  to_branch, note, public, details)
                     SELECT id, CAST(? AS timestamptz), 'operator:test', 'comment', status, status, branch_code,
                            branch_code, ?, false, '{}' FROM requests WHERE id = ?""")) {
            insert.setString(1, at);
            insert.setString(2, note);
            insert.setLong(3, requestId);
            assertEquals(1, insert.executeUpdate());
        }
    }

    private void query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
