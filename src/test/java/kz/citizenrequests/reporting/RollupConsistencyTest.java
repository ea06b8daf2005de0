package kz.citizenrequests.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures that acts keep (report deltas, folded into the rollups) equal a recount of
 * the requests: after a random (seeded) sequence of submissions and acts through the API,
 * and after many concurrent writers of one day.
 */
@QuarkusTest
class RollupConsistencyTest {

    private static final List<String> ACTIONS = List.of("register", "start_work", "forward", "resolve", "reopen",
            "close", "withdraw", "extend_deadline", "assign");
    private static final List<String> BRANCHES = List.of("ULY-RB", "ULY-D01", "ULY-D02", "MAN-RB", "MAN-D01", "ABA-RB");
    private static final List<String> OUTCOMES = List.of("satisfied", "partially_satisfied", "explained", "rejected");

    @Inject
    DataSource dataSource;

    @Inject
    RollupFolding folding;

    @Inject
    ReportSettings settings;

    /**
     * Each fold deletes the deltas it moves. Once an instance's folds have moved
     * {@code vacuum-deltas-after} of them, it vacuums the table, so that no later fold reads
     * the dead rows. The deltas here cancel out (+1 and -1 of one request): no figure changes.
     */
    @Test
    void foldsVacuumTheDeltaTableOnceTheyHaveMovedEnoughRows() throws SQLException {
        String trackingNumber = TestData.submit(TestData.submission()).path("trackingNumber");
        int rows = settings.vacuumDeltasAfter() + settings.vacuumDeltasAfter() % 2;
        long vacuumsBefore = vacuumsOfTheDeltaTable();
        try (Connection connection = dataSource.getConnection();
             var append = connection.prepareStatement("SELECT count(report_delta_append(r, s.sign)) FROM requests r, "
                     + "LATERAL (SELECT (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END)::smallint AS sign "
                     + "FROM generate_series(1, ?) i) s WHERE r.tracking_number = ?")) {
            append.setInt(1, rows);
            append.setString(2, trackingNumber);
            append.executeQuery().close();
        }

        assertTrue(folding.fold(true) >= rows, "the deltas were not folded");
        assertTrue(vacuumsOfTheDeltaTable() > vacuumsBefore, "the folds moved " + rows + " deltas and did not vacuum");
        assertFiguresEqualARecount();
    }

    private long vacuumsOfTheDeltaTable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_stat_get_vacuum_count('report_delta'::regclass)")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void rollupsEqualARecountAfterARandomSequenceOfActs() throws SQLException {
        Random random = new Random(4_2026L);
        // submitted with a citizen's token, so that the citizen can withdraw; staff act as the head of the branch
        String citizen = kz.citizenrequests.Tokens.newCitizen();
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Map<String, Object> body = TestData.submission();
            body = TestData.with(body, "region", List.of("KZ-62", "KZ-47", "KZ-10").get(random.nextInt(3)));
            body = TestData.with(body, "category", List.of("agriculture", "ecology", "education").get(random.nextInt(3)));
            body = TestData.with(body, "type", List.of("complaint", "application", "inquiry").get(random.nextInt(3)));
            body = TestData.with(body, "channel", List.of("web", "mobile", "phone", "visit").get(random.nextInt(4)));
            requests.add(io.restassured.RestAssured.given().auth().oauth2(citizen).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber"));
        }
        int performed = 0;
        for (int step = 0; step < 220; step++) {
            String tn = requests.get(random.nextInt(requests.size()));
            String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("action", action);
            switch (action) {
                case "forward" -> command.put("targetBranch", BRANCHES.get(random.nextInt(BRANCHES.size())));
                case "resolve" -> {
                    command.put("outcome", OUTCOMES.get(random.nextInt(OUTCOMES.size())));
                    command.put("answer", "Answered.");
                }
                case "extend_deadline" -> {
                    command.put("newDueDate", LocalDate.now(ZoneId.of("Asia/Almaty")).plusDays(25 + random.nextInt(30)).toString());
                    command.put("note", "More time to inspect");
                }
                case "assign" -> command.put("assignee", "a.user" + random.nextInt(3));
                default -> {
                }
            }
            var actor = action.equals("withdraw") ? given().auth().oauth2(citizen) : TestData.asHead(tn);
            int status = actor.contentType(ContentType.JSON).header("If-Match", "\"" + TestData.version(tn) + "\"")
                    .body(command).post("/api/v1/requests/{tn}/transitions", tn)
                    .then().statusCode(anyOf(is(200), is(409), is(422))).extract().statusCode();
            if (status == 200) {
                performed++;
            }
        }
        assertTrue(performed > 80, "too few acts succeeded: " + performed);

        assertFiguresEqualARecount();
    }

    /**
     * Many writers on requests received the same day, at once: submissions and acts from 16
     * threads. No write may fail for another's sake, and afterwards the figures, folded or
     * not, equal a recount.
     */
    @Test
    void concurrentWritersOfOneDayLeaveFiguresEqualToARecount() throws Exception {
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            // Two folders at work meanwhile, as two instances would run them.
            List<Future<Integer>> folders = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                boolean wait = f == 0;
                folders.add(pool.submit(() -> {
                    int moved = 0;
                    while (writing.get()) {
                        moved += folding.fold(wait);
                        LockSupport.parkNanos(5_000_000); // pacing, like the scheduled fold, not waiting for anything
                    }
                    return moved;
                }));
            }
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        Map<String, Object> body = TestData.with(TestData.submission(), "region",
                                List.of("KZ-62", "KZ-47", "KZ-10").get((writer + i) % 3));
                        var submitted = given().contentType(ContentType.JSON).body(body).post("/api/v1/requests")
                                .then().extract();
                        statuses.add(submitted.statusCode());
                        if (submitted.statusCode() != 201) {
                            continue;
                        }
                        String tn = submitted.path("trackingNumber");
                        for (String action : List.of("register", "start_work", "resolve").subList(0, 1 + (writer + i) % 3)) {
                            Map<String, Object> command = new LinkedHashMap<>(Map.of("action", action));
                            if (action.equals("resolve")) {
                                command.put("outcome", OUTCOMES.get((writer + i) % OUTCOMES.size()));
                                command.put("answer", "Answered.");
                            }
                            statuses.add(TestData.act(tn).body(command)
                                    .post("/api/v1/requests/{tn}/transitions", tn).then().extract().statusCode());
                        }
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> result : results) {
                for (int status : result.get(2, TimeUnit.MINUTES)) {
                    assertTrue(status == 200 || status == 201, "a concurrent write answered " + status);
                }
            }
            writing.set(false);
            int moved = 0;
            for (Future<Integer> folder : folders) {
                moved += folder.get(1, TimeUnit.MINUTES);
            }
            assertTrue(moved > 0, "the folders moved nothing");
        } finally {
            pool.shutdownNow();
        }
        assertFiguresEqualARecount();
    }

    /** The rollups of each table, as (source, rows that count something). */
    private static final Map<String, String[]> ROLLUPS = Map.of(
            "report_daily", new String[] {
                "grouping_set, received_on, region_code, branch_code, category_code, type, channel",
                "received, withdrawn, submitted, registered, in_progress, resolved, closed, decided_on_time, "
                        + "decided_late, satisfied, partially_satisfied, explained, rejected, forwarded, "
                        + "late_forwarded, reopened, ever_decided, answered, answered_satisfied, complaints, "
                        + "complaints_decided, complaints_satisfied, complaints_partially_satisfied, "
                        + "complaints_explained, complaints_rejected, escalated"},
            "report_open_due", new String[] {
                "grouping_set, received_on, region_code, branch_code, category_code, type, channel, due_date", "open"},
            "report_decision_days", new String[] {
                "grouping_set, received_on, region_code, branch_code, category_code, type, channel, working_days",
                "decided"});

    /**
     * What reports read (rollups plus unfolded deltas, through the *_now views), and then the
     * rollup tables alone after a fold, each equal what report_rebuild() recounts from
     * requests with set operations, in a transaction that is then rolled back.
     */
    private void assertFiguresEqualARecount() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (Map.Entry<String, String[]> table : ROLLUPS.entrySet()) {
                    statement.execute("CREATE TEMPORARY TABLE live_" + table.getKey() + " ON COMMIT DROP AS "
                            + summed(table.getKey() + "_now", table.getValue()));
                }
                statement.execute("SELECT report_fold(true)");
                try (ResultSet left = statement.executeQuery("SELECT count(*) FROM report_delta")) {
                    left.next();
                    assertEquals(0, left.getLong(1), "deltas left after a fold");
                }
                for (Map.Entry<String, String[]> table : ROLLUPS.entrySet()) {
                    statement.execute("CREATE TEMPORARY TABLE folded_" + table.getKey() + " ON COMMIT DROP AS "
                            + summed(table.getKey(), table.getValue()));
                }
                statement.execute("SELECT report_rebuild()");
                for (String table : ROLLUPS.keySet()) {
                    statement.execute("CREATE TEMPORARY TABLE recount_" + table + " ON COMMIT DROP AS "
                            + summed(table, ROLLUPS.get(table)));
                    for (String kept : List.of("live_", "folded_")) {
                        assertEquals(List.of(), differences(statement, kept + table, "recount_" + table),
                                kept + table + " differs from a recount");
                    }
                }
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM live_report_daily")) {
                    count.next();
                    assertTrue(count.getLong(1) > 10, "the rollups are empty");
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** The rows of a rollup or view summed per key, leaving out keys whose counts are all zero. */
    private static String summed(String source, String[] keysAndCounts) {
        List<String> counts = List.of(keysAndCounts[1].split(", "));
        return "SELECT " + keysAndCounts[0] + ", "
                + String.join(", ", counts.stream().map(c -> "sum(" + c + ")::bigint AS " + c).toList())
                + " FROM " + source + " GROUP BY " + keysAndCounts[0]
                + " HAVING " + String.join(" OR ", counts.stream().map(c -> "sum(" + c + ") <> 0").toList());
    }

    private static List<String> differences(Statement statement, String kept, String recount) throws SQLException {
        List<String> differences = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "(SELECT 'kept', * FROM (TABLE " + kept + " EXCEPT TABLE " + recount + ") k) UNION ALL "
                        + "(SELECT 'recount', * FROM (TABLE " + recount + " EXCEPT TABLE " + kept + ") r) LIMIT 20")) {
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.append(rows.getString(i)).append(' ');
                }
                differences.add(row.toString());
            }
        }
        return differences;
    }
}
