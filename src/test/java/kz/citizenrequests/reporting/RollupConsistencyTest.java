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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rollups the trigger keeps act by act equal a recount of the requests: after a random
 * (seeded) sequence of submissions and acts through the API, the three rollup tables are
 * compared, row for row, with what report_rebuild() recomputes from requests with set
 * operations, in a transaction that is then rolled back.
 */
@QuarkusTest
class RollupConsistencyTest {

    private static final List<String> ACTIONS = List.of("register", "start_work", "forward", "resolve", "reopen",
            "close", "withdraw", "extend_deadline", "assign");
    private static final List<String> BRANCHES = List.of("ULY-RB", "ULY-D01", "ULY-D02", "MAN-RB", "MAN-D01", "ABA-RB");
    private static final List<String> OUTCOMES = List.of("satisfied", "partially_satisfied", "explained", "rejected");

    @Inject
    DataSource dataSource;

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

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                Map<String, String> tables = Map.of(
                        "report_daily", "NOT (received = 0 AND withdrawn = 0 AND submitted = 0 AND registered = 0 "
                                + "AND in_progress = 0 AND resolved = 0 AND closed = 0 AND decided_on_time = 0 "
                                + "AND decided_late = 0 AND satisfied = 0 AND partially_satisfied = 0 AND explained = 0 "
                                + "AND rejected = 0 AND forwarded = 0 AND late_forwarded = 0 AND reopened = 0 "
                                + "AND ever_decided = 0)",
                        "report_open_due", "open <> 0",
                        "report_decision_days", "decided <> 0");
                for (Map.Entry<String, String> table : tables.entrySet()) {
                    statement.execute("CREATE TEMPORARY TABLE kept_" + table.getKey() + " ON COMMIT DROP AS SELECT * FROM "
                            + table.getKey() + " WHERE " + table.getValue());
                }
                statement.execute("SELECT report_rebuild()");
                for (String table : tables.keySet()) {
                    List<String> differences = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery(
                            "(SELECT 'kept', * FROM (TABLE kept_" + table + " EXCEPT TABLE " + table + ") k) UNION ALL "
                                    + "(SELECT 'recount', * FROM (TABLE " + table + " EXCEPT TABLE kept_" + table + ") r) LIMIT 20")) {
                        while (rows.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                                row.append(rows.getString(i)).append(' ');
                            }
                            differences.add(row.toString());
                        }
                    }
                    assertEquals(List.of(), differences, table + " differs from a recount");
                }
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM kept_report_daily")) {
                    count.next();
                    assertTrue(count.getLong(1) > 10, "the rollups are empty");
                }
            } finally {
                connection.rollback();
            }
        }
    }
}
