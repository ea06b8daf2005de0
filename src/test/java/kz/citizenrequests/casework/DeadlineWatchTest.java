package kz.citizenrequests.casework;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines that act, driven by the instant each test chooses: a warning before the due date
 * (across the New Year holidays), one escalation the day after it, seen by the branch head and
 * the regional branch, a late forward told to the receiving head, and three runners at once
 * doing each thing exactly once.
 */
@QuarkusTest
class DeadlineWatchTest {

    @Inject
    DeadlineWatch watch;

    @Inject
    DataSource dataSource;

    @Inject
    kz.citizenrequests.calendar.Deadlines deadlines;

    /** A request in the Almaty district of Astana: held by the district branch AST-D01 under AST-RB. */
    private static String districtRequest() {
        return TestData.submit(TestData.with(TestData.submission(), "district", "KZ-71-01")).path("trackingNumber");
    }

    private static Instant at(String day) {
        return ZonedDateTime.parse(day + "T10:00:00+05:00").toInstant();
    }

    @Test
    void staffAreWarnedThreeWorkingDaysBeforeTheDueDateOnceAcrossTheNewYear() {
        String number = districtRequest();
        due(number, "2027-01-06");

        // 29 December: three working days ahead is 5 January (1, 2 and 4 January are days off)
        watch.warn(at("2026-12-29"));
        assertEquals(0, notices(number, "due_soon"));
        // 30 December: 31 December, 5 and 6 January; the request is due soon
        watch.warn(at("2026-12-30"));
        watch.warn(at("2026-12-31"));
        assertEquals(1, notices(number, "due_soon"), "once per request and due date");

        List<Map<String, Object>> inbox = given().auth().oauth2(Tokens.operator("AST-D01")).get("/api/v1/notices")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.trackingNumber == '" + number + "' }");
        assertEquals(1, inbox.size());
        assertEquals("due_soon", inbox.get(0).get("kind"));
        assertEquals("2027-01-06", inbox.get(0).get("dueDate"));

        // an extension gives a new due date, and a new warning when that one comes near
        sql("UPDATE requests SET due_date = DATE '2027-01-12' WHERE tracking_number = '" + number + "'");
        watch.warn(at("2027-01-07"));
        assertEquals(2, notices(number, "due_soon"));
    }

    @Test
    void aNewHolidayMovesTheDueDatesOfOpenRequestsWhoseTermItFallsIn() {
        String moved = districtRequest();
        String extended = districtRequest();
        String decided = districtRequest();
        LocalDate due = LocalDate.parse(column(moved, "due_date"));
        LocalDate later = due.plusDays(30);
        sql("UPDATE requests SET due_date = DATE '" + later + "' WHERE tracking_number = '" + extended + "'");
        TestData.perform(decided, Map.of("action", "register"));
        TestData.perform(decided, Map.of("action", "start_work"));
        TestData.perform(decided, Map.of("action", "resolve", "outcome", "explained", "answer", "Explained."));

        // the last day of the term becomes a day off: the term ends on the next working day
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("working", false, "note", "Day of mourning")).put("/api/v1/admin/calendar/days/" + due)
                .then().statusCode(200);
        try {
            // the day of receipt in Kazakhstan, as intake counts it: in UTC it is the day before after 19:00
            LocalDate expected = deadlines.dueDate("application",
                    LocalDate.parse(column(moved, "(received_at AT TIME ZONE 'Asia/Almaty')::date")));
            assertTrue(expected.isAfter(due), expected + " after " + due);
            assertEquals(expected.toString(), column(moved, "due_date"));
            assertEquals(expected.toString(), column(moved, "statutory_due_date"));
            assertEquals(1, historyRows(moved, "reschedule"));
            assertEquals("system", actorOf(moved, "reschedule"));
            // an extension beyond it stays; the statutory date is counted again
            assertEquals(later.toString(), column(extended, "due_date"));
            assertEquals(expected.toString(), column(extended, "statutory_due_date"));
            // a decided request keeps its dates
            assertEquals(due.toString(), column(decided, "due_date"));
            assertEquals(0, historyRows(decided, "reschedule"));
        } finally {
            given().auth().oauth2(Tokens.admin()).delete("/api/v1/admin/calendar/days/" + due).then().statusCode(204);
        }
        // a day made working again never shortens a term already given
        assertTrue(LocalDate.parse(column(moved, "due_date")).isAfter(due));
    }

    @Test
    void aNewHolidayMovesAComplaintsOwnTermCountedFromTheComplaint() {
        var receipt = TestData.submit(TestData.with(TestData.submission(), "district", "KZ-71-01"));
        String number = receipt.path("trackingNumber");
        String code = receipt.path("accessCode");
        TestData.perform(number, Map.of("action", "register"));
        TestData.perform(number, Map.of("action", "start_work"));
        TestData.perform(number, Map.of("action", "resolve", "outcome", "rejected", "answer", "Refused."));
        int version = Integer.parseInt(given().header("X-Access-Code", code).get("/api/v1/requests/{n}", number)
                .then().statusCode(200).extract().header("ETag").replace("\"", ""));
        given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").header("X-Access-Code", code)
                .body(Map.of("action", "feedback", "satisfied", false, "note", "No reason was given"))
                .post("/api/v1/requests/{n}/transitions", number).then().statusCode(200);
        LocalDate due = LocalDate.parse(column(number, "due_date"));
        assertEquals(deadlines.dueDate("complaint", LocalDate.now(java.time.ZoneId.of("Asia/Almaty"))), due);

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("working", false, "note", "Day of mourning")).put("/api/v1/admin/calendar/days/" + due)
                .then().statusCode(200);
        try {
            LocalDate expected = deadlines.dueDate("complaint", LocalDate.now(java.time.ZoneId.of("Asia/Almaty")));
            assertTrue(expected.isAfter(due));
            assertEquals(expected.toString(), column(number, "due_date"), "the complaint's term, counted from the complaint");
            assertEquals(1, historyRows(number, "reschedule"));
        } finally {
            given().auth().oauth2(Tokens.admin()).delete("/api/v1/admin/calendar/days/" + due).then().statusCode(204);
        }
    }

    @Test
    void theQueueFlagsWhatIsDueSoon() {
        String soon = districtRequest();
        String later = districtRequest();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Almaty"));
        due(soon, today.plusDays(1).toString());
        List<Map<String, Object>> items = given().auth().oauth2(Tokens.operator("AST-D01")).queryParam("size", 100)
                .get("/api/v1/requests").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(true, item(items, soon).get("dueSoon"));
        assertEquals(false, item(items, later).get("dueSoon"));
    }

    @Test
    void anOverdueRequestIsEscalatedOnceAndTheBranchHeadAndTheRegionalBranchSeeIt() {
        String number = districtRequest();
        String dueOn = LocalDate.now(java.time.ZoneId.of("Asia/Almaty")).minusDays(1).toString();
        due(number, dueOn);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Almaty"));
        long before = escalatedInReports(today);

        // on the due date itself nothing happens; the day after, it goes up
        watch.escalate(at(dueOn));
        assertEquals(0, historyRows(number, "escalate"));
        watch.escalate(Instant.now());
        watch.escalate(Instant.now());
        assertEquals(1, historyRows(number, "escalate"), "escalated once");
        assertEquals("system", actorOf(number, "escalate"));

        // the history says so, to staff only
        List<Map<String, Object>> history = given().auth().oauth2(Tokens.head("AST-D01"))
                .get("/api/v1/requests/{n}/history", number).then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(history.stream().anyMatch(h -> "escalate".equals(h.get("action")) && Boolean.FALSE.equals(h.get("visibleToCitizen"))));

        // the district branch's escalated queue, and the regional branch's view of its region
        assertTrue(queue("AST-D01", Map.of("escalated", "true")).contains(number));
        assertTrue(queue("AST-RB", Map.of("escalated", "true")).contains(number), "the regional branch supervises");
        assertFalse(queue("AST-RB", Map.of()).contains(number), "its own queue stays its own");
        assertTrue(queue("AST-D01", Map.of("escalated", "false")).stream().noneMatch(number::equals));
        assertFalse(queue("AST-D02", Map.of("escalated", "true")).contains(number), "a sibling district does not supervise");
        given().auth().oauth2(Tokens.operator("AST-RB")).queryParam("escalated", "true").queryParam("region", "KZ-75")
                .get("/api/v1/requests").then().statusCode(403);

        // notices to the head of the branch and to the regional branch; leadership counts it
        assertEquals(1, notices(number, "escalated", "AST-D01"));
        assertEquals(1, notices(number, "escalated", "AST-RB"));
        List<String> headInbox = given().auth().oauth2(Tokens.head("AST-RB")).queryParam("size", 100).get("/api/v1/notices")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.kind == 'escalated' }.trackingNumber");
        assertTrue(headInbox.contains(number));
        assertEquals(before + 1, escalatedInReports(today));
    }

    @Test
    void aLateForwardIsToldToTheReceivingBranchHead() {
        String number = districtRequest();
        sql("UPDATE requests SET received_at = received_at - INTERVAL '10 days' WHERE tracking_number = '" + number + "'");
        TestData.perform(number, Map.of("action", "forward", "targetBranch", "AST-D02", "note", "Their district"));

        assertEquals(1, notices(number, "late_forward", "AST-D02"));
        List<String> head = given().auth().oauth2(Tokens.head("AST-D02")).queryParam("size", 100).get("/api/v1/notices")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.kind == 'late_forward' }.trackingNumber");
        assertTrue(head.contains(number));
        List<String> operator = given().auth().oauth2(Tokens.operator("AST-D02")).queryParam("size", 100).get("/api/v1/notices")
                .then().statusCode(200).extract().jsonPath().getList("trackingNumber");
        assertFalse(operator.contains(number), "a late forward is the head's business");
    }

    @Test
    void threeRunnersAtOnceWarnEscalateAndCloseEachRequestExactlyOnce() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            numbers.add(districtRequest());
        }
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Almaty"));
        due(numbers, today.minusDays(2).toString());
        // ten due tomorrow (to be warned) and ten resolved long ago without an answer (to be closed)
        List<String> soon = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            soon.add(districtRequest());
            String quiet = districtRequest();
            TestData.perform(quiet, Map.of("action", "register"));
            TestData.perform(quiet, Map.of("action", "start_work"));
            TestData.perform(quiet, Map.of("action", "resolve", "outcome", "explained", "answer", "Explained."));
            unanswered.add(quiet);
        }
        due(soon, today.plusDays(1).toString());
        sql("UPDATE requests SET resolved_at = resolved_at - INTERVAL '40 days' WHERE tracking_number IN ('"
                + String.join("','", unanswered) + "')");

        ExecutorService runners = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DeadlineWatch.Run>> runs = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            runs.add(runners.submit(() -> {
                start.await();
                DeadlineWatch.Run total = new DeadlineWatch.Run(0, 0, 0);
                for (int tick = 0; tick < 5; tick++) {
                    DeadlineWatch.Run run = watch.run(Instant.now());
                    total = new DeadlineWatch.Run(total.warned() + run.warned(), total.escalated() + run.escalated(),
                            total.closed() + run.closed());
                }
                return total;
            }));
        }
        start.countDown();
        int escalated = 0;
        for (Future<DeadlineWatch.Run> run : runs) {
            escalated += run.get().escalated();
        }
        runners.shutdown();

        for (String number : numbers) {
            assertEquals(1, historyRows(number, "escalate"), number);
            assertEquals(1, notices(number, "escalated", "AST-D01"), number);
        }
        for (String number : soon) {
            assertEquals(1, notices(number, "due_soon", "AST-D01"), number);
        }
        for (String number : unanswered) {
            assertEquals(1, historyRows(number, "close"), number);
            assertEquals("system", actorOf(number, "close"));
        }
        assertTrue(escalated >= numbers.size(), "the runners' own counts add up: " + escalated);
    }

    private List<String> queue(String branch, Map<String, String> filters) {
        return given().auth().oauth2(Tokens.operator(branch)).queryParams(filters).queryParam("size", 100)
                .get("/api/v1/requests").then().statusCode(200).extract().jsonPath().getList("items.trackingNumber");
    }

    private static Map<String, Object> item(List<Map<String, Object>> items, String number) {
        return items.stream().filter(i -> number.equals(i.get("trackingNumber"))).findFirst().orElseThrow();
    }

    private long escalatedInReports(LocalDate today) {
        return given().auth().oauth2(Tokens.leadership(null)).contentType(ContentType.JSON)
                .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.toString())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath().getLong("escalated");
    }

    private long notices(String number, String kind) {
        return count("SELECT count(*) FROM staff_notices WHERE tracking_number = ? AND kind = ?", number, kind);
    }

    private long notices(String number, String kind, String branch) {
        return count("SELECT count(*) FROM staff_notices WHERE tracking_number = ? AND kind = ? AND branch_code = ?",
                number, kind, branch);
    }

    private long historyRows(String number, String action) {
        return count("SELECT count(*) FROM request_history h JOIN requests r ON r.id = h.request_id "
                + "WHERE r.tracking_number = ? AND h.action = ?", number, action);
    }

    private String column(String number, String column) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + column + "::text FROM requests WHERE tracking_number = ?")) {
            s.setString(1, number);
            ResultSet rows = s.executeQuery();
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String actorOf(String number, String action) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT h.actor FROM request_history h JOIN requests r ON r.id = h.request_id "
                        + "WHERE r.tracking_number = ? AND h.action = ?")) {
            s.setString(1, number);
            s.setString(2, action);
            ResultSet rows = s.executeQuery();
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            ResultSet rows = s.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) {
        TestData.execute(dataSource, statement);
    }

    /**
     * Gives the request this due date as its statutory one. Its receipt stays today, unless the
     * day is before it: then it was received that morning (a term never starts after its end, V37).
     */
    private void due(String number, String day) {
        due(List.of(number), day);
    }

    private void due(List<String> numbers, String day) {
        String in = "'" + String.join("','", numbers) + "'";
        sql("UPDATE requests SET statutory_due_date = DATE '" + day + "', due_date = DATE '" + day
                + "', received_at = LEAST(received_at, (DATE '" + day + "' + TIME '09:00') AT TIME ZONE 'Asia/Almaty')"
                + " WHERE tracking_number IN (" + in + ")");
    }
}
