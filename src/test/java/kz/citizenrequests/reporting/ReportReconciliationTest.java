package kz.citizenrequests.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every figure the report API answers, recomputed from the raw requests (and the history, for
 * reopens) with plain SQL at the time of the assertion, with the same period and filters.
 * The data set is made of requests worked through the API and then moved back in time with
 * SQL updates, so that there are late decisions and open requests overdue today.
 */
@QuarkusTest
class ReportReconciliationTest {

    private static final String LEADER = kz.citizenrequests.Tokens.leadership(null);
    /** Submits the requests, so that it can withdraw them. */
    private static final String CITIZEN = kz.citizenrequests.Tokens.newCitizen();

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Almaty"));
    private static final String DECIDED = "status IN ('RESOLVED', 'CLOSED')";
    private static final String OPEN = "status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')";
    private static boolean prepared;

    @Inject
    DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void workSomeRequestsAndMoveThemBackInTime() {
        if (prepared) {
            return;
        }
        prepared = true;
        String a = submit("KZ-62", "agriculture", "complaint", "phone");
        act(a, "register", "start_work");
        resolve(a, "satisfied");
        answer(a, true);
        String b = submit("KZ-62", "agriculture", "application", "web");
        act(b, "register", "start_work");
        resolve(b, "rejected");
        act(b, "close");
        String c = submit("KZ-62", "ecology", "complaint", "web");
        act(c, "register", "start_work");
        resolve(c, "explained");
        answer(c, true);
        act(c, "reopen");
        String d = submit("KZ-62", "ecology", "proposal", "mobile");
        withdraw(d);
        String e = submit("KZ-62", "agriculture", "complaint", "phone");
        TestData.perform(e, Map.of("action", "forward", "targetBranch", "ULY-D01"));
        String f = submit("KZ-47", "healthcare", "inquiry", "visit");
        act(f, "register");
        String g = submit("KZ-47", "healthcare", "complaint", "phone");
        String h = submit("KZ-47", "education", "application", "mobile");
        act(h, "register", "start_work");
        resolve(h, "partially_satisfied");
        act(h, "close");
        String i = submit("KZ-62", "agriculture", "complaint", "phone");
        act(i, "register", "start_work");
        resolve(i, "explained");
        act(i, "reopen");
        resolve(i, "satisfied");
        answer(i, false);
        String j = submit("KZ-62", "ecology", "application", "web");
        act(j, "register", "start_work");
        resolve(j, "rejected");
        // a complaint reopens it (APPC Art. 91): counted as reopened, no longer decided
        given().auth().oauth2(CITIZEN).contentType(ContentType.JSON).header("If-Match", "\"" + TestData.version(j) + "\"")
                .body(Map.of("action", "feedback", "satisfied", false, "note", "The refusal gives no reason"))
                .post("/api/v1/requests/{tn}/transitions", j).then().statusCode(200);

        // Decided late: received 40 days ago, due 20 days later, decided 3 days after that.
        move(b, "received_at = now() - interval '40 days', statutory_due_date = current_date - 20, "
                + "due_date = current_date - 20, resolved_at = now() - interval '17 days', closed_at = now() - interval '16 days'");
        // Open and overdue now: received 35 days ago, due 10 days ago.
        move(g, "received_at = now() - interval '35 days', statutory_due_date = current_date - 10, due_date = current_date - 10");
        move(f, "received_at = now() - interval '33 days', statutory_due_date = current_date - 9, due_date = current_date - 9");
        // Decided on time after some working days.
        move(a, "received_at = now() - interval '12 days', resolved_at = now() - interval '2 days'");
        move(h, "received_at = now() - interval '25 days', statutory_due_date = current_date - 3, "
                + "due_date = current_date - 3, resolved_at = now() - interval '4 days', closed_at = now() - interval '1 day'");
        // Forwarded late; outside the default 30-day period.
        move(e, "received_at = now() - interval '50 days', statutory_due_date = current_date - 28, "
                + "due_date = current_date - 28, late_forward = true");
        move(i, "received_at = now() - interval '8 days'");
    }

    @Test
    void summaryReconcilesWithTheRequestsForEveryFilter() throws IOException {
        String from = TODAY.minusDays(60).toString();
        List<Map<String, String>> queries = List.of(
                Map.of(),
                Map.of("from", from),
                Map.of("from", from, "region", "KZ-62"),
                Map.of("from", from, "region", "KZ-62", "category", "agriculture"),
                Map.of("from", from, "branch", "ULY-D01"),
                Map.of("from", from, "branch", "ULY-RB", "type", "complaint"),
                Map.of("from", from, "type", "complaint", "channel", "phone"),
                Map.of("from", from, "region", "KZ-47", "category", "healthcare", "type", "complaint", "channel", "phone"),
                Map.of("from", TODAY.minusDays(45).toString(), "to", TODAY.minusDays(30).toString()),
                Map.of("from", from, "channel", "visit"));
        for (Map<String, String> query : queries) {
            JsonNode actual = get("/api/v1/reports/summary", query);
            Expected expected = expected(query, null).getOrDefault("", Expected.NONE);
            String where = "summary " + query;
            assertTrue(expected.received + expected.withdrawn >= 0);
            assertEquals(expected.received, actual.get("received").asLong(), where + " received");
            assertEquals(expected.decided, actual.get("decided").asLong(), where + " decided");
            assertEquals(expected.open, actual.get("open").asLong(), where + " open");
            assertEquals(expected.overdueNow, actual.get("overdueNow").asLong(), where + " overdueNow");
            assertEquals(expected.overdueNow + expected.decidedLate, actual.get("overdue").asLong(), where + " overdue");
            assertEquals(expected.decidedOnTime, actual.get("decidedOnTime").asLong(), where + " decidedOnTime");
            assertEquals(expected.decidedLate, actual.get("decidedLate").asLong(), where + " decidedLate");
            assertRate(expected.decided, expected.received, actual.get("resolutionRate"), where + " resolutionRate");
            assertRate(expected.positive, expected.decided, actual.get("positiveRate"), where + " positiveRate");
            assertRate(expected.decidedOnTime, expected.decided, actual.get("onTimeRate"), where + " onTimeRate");
            assertRate(expected.forwarded, expected.received, actual.get("forwardedShare"), where + " forwardedShare");
            assertEquals(expected.forwarded, actual.get("forwarded").asLong(), where + " forwarded");
            assertEquals(expected.lateForwarded, actual.get("lateForwardCount").asLong(), where + " lateForwardCount");
            assertEquals(expected.reopened, actual.get("reopened").asLong(), where + " reopened");
            assertRate(expected.reopened, expected.everDecided, actual.get("reopenRate"), where + " reopenRate");
            assertEquals(expected.withdrawn, actual.get("withdrawn").asLong(), where + " withdrawn");
            assertEquals(expected.median, nullableInt(actual.get("medianWorkingDays")), where + " median");
            assertEquals(expected.p90, nullableInt(actual.get("p90WorkingDays")), where + " p90");
            assertEquals(expected.satisfied, actual.at("/outcomes/satisfied").asLong(), where + " satisfied");
            assertEquals(expected.rejected, actual.at("/outcomes/rejected").asLong(), where + " rejected");
            assertEquals(expected.inProgress, actual.at("/statuses/inProgress").asLong(), where + " inProgress");
            long[] answers = expectedAnswers(query);
            assertEquals(answers[0], actual.get("citizenAnswered").asLong(), where + " citizenAnswered");
            assertEquals(answers[1], actual.get("citizenSatisfied").asLong(), where + " citizenSatisfied");
            assertRate(answers[1], answers[0], actual.get("citizenConfirmedRate"), where + " citizenConfirmedRate");
            assertEquals(expected.closed, actual.at("/statuses/closed").asLong(), where + " closed");
        }
        // a satisfied and an unsatisfied answer count; the answer to a decision since reopened does not
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[]{2, 1},
                expectedAnswers(Map.of("from", from, "region", "KZ-62")));
    }

    @Test
    void breakdownReconcilesWithTheRequestsForEveryDimension() throws IOException {
        String from = TODAY.minusDays(60).toString();
        Map<String, String> columns = Map.of("region", "region_code", "branch", "branch_code",
                "category", "category_code", "type", "type", "channel", "channel");
        for (Map<String, String> filters : List.of(Map.of("from", from), Map.of("from", from, "region", "KZ-62"))) {
            for (Map.Entry<String, String> by : columns.entrySet()) {
                Map<String, String> query = new LinkedHashMap<>(filters);
                query.put("by", by.getKey());
                JsonNode rows = get("/api/v1/reports/breakdown", query).get("rows");
                Map<String, Expected> expected = expected(filters, by.getValue());
                expected.values().removeIf(x -> x.received == 0);
                assertEquals(expected.size(), rows.size(), "rows of " + query);
                for (JsonNode row : rows) {
                    Expected x = expected.get(row.get("key").asText());
                    String where = "breakdown " + query + " " + row.get("key").asText();
                    assertEquals(x.received, row.get("received").asLong(), where);
                    assertEquals(x.decided, row.get("decided").asLong(), where);
                    assertEquals(x.open, row.get("open").asLong(), where);
                    assertEquals(x.overdueNow, row.get("overdueNow").asLong(), where);
                    assertEquals(x.decidedLate, row.get("decidedLate").asLong(), where);
                    assertRate(x.decided, x.received, row.get("resolutionRate"), where);
                    assertRate(x.decidedOnTime, x.decided, row.get("onTimeRate"), where);
                    assertRate(x.positive, x.decided, row.get("positiveRate"), where);
                }
            }
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("by", "status");
            Map<String, Expected> byStatus = expected(filters, "status");
            for (JsonNode row : get("/api/v1/reports/breakdown", query).get("rows")) {
                Expected x = byStatus.getOrDefault(row.get("key").asText(), Expected.NONE);
                assertEquals(x.received + x.withdrawn, row.get("received").asLong(), "status " + query + " " + row);
            }
        }
    }

    @Test
    void timeseriesReconcilesWithTheRequestsForEveryInterval() throws IOException {
        Map<String, String> filters = Map.of("from", TODAY.minusDays(60).toString(), "region", "KZ-62");
        for (String interval : List.of("day", "week", "month")) {
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("interval", interval);
            String bucket = interval.equals("day") ? "received_on::text"
                    : "date_trunc('" + interval + "', received_on)::date::text";
            Map<String, Expected> expected = expected(filters, bucket);
            long total = 0;
            for (JsonNode b : get("/api/v1/reports/timeseries", query).get("buckets")) {
                Expected x = expected.getOrDefault(b.get("period").asText(), Expected.NONE);
                String where = "timeseries " + query + " " + b.get("period").asText();
                assertEquals(x.received, b.get("received").asLong(), where);
                assertEquals(x.decided, b.get("decided").asLong(), where);
                assertEquals(x.open, b.get("open").asLong(), where);
                assertEquals(x.decidedOnTime, b.get("decidedOnTime").asLong(), where);
                assertRate(x.decided, x.received, b.get("resolutionRate"), where);
                assertRate(x.decidedOnTime, x.decided, b.get("onTimeRate"), where);
                total += b.get("received").asLong();
            }
            assertEquals(expected(filters, null).getOrDefault("", Expected.NONE).received, total, "sum of " + query);
        }
    }

    /** The figures recomputed from raw rows, per group ({@code ""} without a group). */
    private Map<String, Expected> expected(Map<String, String> query, String groupBy) {
        LocalDate to = query.containsKey("to") ? LocalDate.parse(query.get("to")) : TODAY;
        LocalDate from = query.containsKey("from") ? LocalDate.parse(query.get("from")) : to.minusDays(29);
        StringBuilder where = new StringBuilder("received_on BETWEEN ? AND ?");
        List<Object> parameters = new ArrayList<>(List.of(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)));
        Map<String, String> columns = Map.of("region", "region_code", "branch", "branch_code",
                "category", "category_code", "type", "type", "channel", "channel");
        columns.forEach((parameter, column) -> {
            if (query.containsKey(parameter)) {
                where.append(" AND ").append(column).append(" = ?");
                parameters.add(query.get(parameter));
            }
        });
        String key = groupBy == null ? "''" : groupBy;
        String sql = "SELECT " + key + ","
                + " count(*) FILTER (WHERE status <> 'WITHDRAWN'),"
                + " count(*) FILTER (WHERE " + DECIDED + "),"
                + " count(*) FILTER (WHERE " + OPEN + "),"
                + " count(*) FILTER (WHERE " + OPEN + " AND due_date < ?),"
                + " count(*) FILTER (WHERE " + DECIDED + " AND decided_on <= due_date),"
                + " count(*) FILTER (WHERE " + DECIDED + " AND decided_on > due_date),"
                + " count(*) FILTER (WHERE " + DECIDED + " AND outcome IN ('satisfied', 'partially_satisfied')),"
                + " count(*) FILTER (WHERE " + DECIDED + " AND outcome = 'satisfied'),"
                + " count(*) FILTER (WHERE " + DECIDED + " AND outcome = 'rejected'),"
                + " count(*) FILTER (WHERE status <> 'WITHDRAWN' AND forward_count > 0),"
                + " count(*) FILTER (WHERE status <> 'WITHDRAWN' AND late_forward),"
                + " count(*) FILTER (WHERE status <> 'WITHDRAWN' AND reopened),"
                + " count(*) FILTER (WHERE status <> 'WITHDRAWN' AND (" + DECIDED + " OR reopened)),"
                + " count(*) FILTER (WHERE status = 'WITHDRAWN'),"
                + " count(*) FILTER (WHERE status = 'IN_PROGRESS'),"
                + " count(*) FILTER (WHERE status = 'CLOSED'),"
                + " percentile_disc(0.5) WITHIN GROUP (ORDER BY working_days) FILTER (WHERE " + DECIDED + "),"
                + " percentile_disc(0.9) WITHIN GROUP (ORDER BY working_days) FILTER (WHERE " + DECIDED + ")"
                + " FROM (SELECT r.*, (r.received_at AT TIME ZONE 'Asia/Almaty')::date AS received_on,"
                + "         (r.resolved_at AT TIME ZONE 'Asia/Almaty')::date AS decided_on,"
                + "         EXISTS (SELECT 1 FROM request_history h WHERE h.request_id = r.id AND h.action IN ('reopen', 'complaint')) AS reopened,"
                // working days after receipt up to the decision: Monday to Friday unless the calendar says otherwise
                + "         (SELECT count(*) FROM generate_series((r.received_at AT TIME ZONE 'Asia/Almaty')::date + 1,"
                + "                 (r.resolved_at AT TIME ZONE 'Asia/Almaty')::date, interval '1 day') AS s(d)"
                + "             LEFT JOIN calendar_days c ON c.day = s.d::date"
                + "             WHERE coalesce(c.working, extract(isodow FROM s.d) < 6)) AS working_days"
                + "       FROM requests r) AS raw"
                + " WHERE " + where + (groupBy == null ? "" : " GROUP BY 1");
        Map<String, Expected> result = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, java.sql.Date.valueOf(TODAY));
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 2, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long[] v = new long[16];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rows.getLong(i + 2);
                    }
                    result.put(rows.getString(1), new Expected(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                            v[9], v[10], v[11], v[12], v[13], v[14], v[15],
                            integer(rows.getObject(18)), integer(rows.getObject(19))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private record Expected(long received, long decided, long open, long overdueNow, long decidedOnTime,
                            long decidedLate, long positive, long satisfied, long rejected, long forwarded,
                            long lateForwarded, long reopened, long everDecided, long withdrawn, long inProgress,
                            long closed, Integer median, Integer p90) {
        static final Expected NONE = new Expected(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
    }

    private static void assertRate(long part, long whole, JsonNode actual, String where) {
        if (whole == 0) {
            assertTrue(actual == null || actual.isNull(), where + ": expected null, was " + actual);
        } else {
            assertEquals((double) part / whole, actual.asDouble(), 1e-12, where);
        }
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Integer nullableInt(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private JsonNode get(String path, Map<String, String> query) throws IOException {
        return json.readTree(given().auth().oauth2(LEADER).queryParams(query).get(path).then().statusCode(200).extract().asString());
    }

    private static String submit(String region, String category, String type, String channel) {
        Map<String, Object> body = TestData.with(TestData.with(TestData.with(TestData.with(TestData.submission(),
                "region", region), "category", category), "type", type), "channel", channel);
        return given().auth().oauth2(CITIZEN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber");
    }

    private static void act(String tn, String... actions) {
        for (String action : actions) {
            TestData.perform(tn, Map.of("action", action));
        }
    }

    private static void resolve(String tn, String outcome) {
        TestData.perform(tn, Map.of("action", "resolve", "outcome", outcome, "answer", "Answered."));
    }

    /** The citizen answers the decision with their token (their own request). */
    private static void answer(String tn, boolean satisfied) {
        given().auth().oauth2(CITIZEN).contentType(ContentType.JSON).header("If-Match", "\"" + TestData.version(tn) + "\"")
                .body(Map.of("action", "feedback", "satisfied", satisfied, "rating", satisfied ? 5 : 2))
                .post("/api/v1/requests/{tn}/transitions", tn).then().statusCode(200);
    }

    /**
     * The citizen's answers, counted from the history rather than from the request's columns:
     * decided requests with a feedback row after their last decision, and those that said satisfied.
     */
    private long[] expectedAnswers(Map<String, String> query) {
        LocalDate to = query.containsKey("to") ? LocalDate.parse(query.get("to")) : TODAY;
        LocalDate from = query.containsKey("from") ? LocalDate.parse(query.get("from")) : to.minusDays(29);
        StringBuilder sql = new StringBuilder("SELECT count(*), count(*) FILTER (WHERE last.satisfied) FROM requests r "
                + "CROSS JOIN LATERAL (SELECT (h.details ->> 'satisfied')::boolean AS satisfied FROM request_history h "
                + "WHERE h.request_id = r.id AND h.action = 'feedback' AND h.id > (SELECT max(d.id) FROM request_history d "
                + "WHERE d.request_id = r.id AND d.action = 'resolve') ORDER BY h.id DESC LIMIT 1) last "
                + "WHERE r." + DECIDED + " AND (r.received_at AT TIME ZONE 'Asia/Almaty')::date BETWEEN ? AND ?");
        List<Object> parameters = new ArrayList<>(List.of(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)));
        Map<String, String> columns = Map.of("region", "region_code", "branch", "branch_code",
                "category", "category_code", "type", "type", "channel", "channel");
        columns.forEach((parameter, column) -> {
            if (query.containsKey(parameter)) {
                sql.append(" AND r.").append(column).append(" = ?");
                parameters.add(query.get(parameter));
            }
        });
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            var rows = statement.executeQuery();
            rows.next();
            return new long[]{rows.getLong(1), rows.getLong(2)};
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void withdraw(String tn) {
        given().auth().oauth2(CITIZEN).contentType(ContentType.JSON).header("If-Match", "\"" + TestData.version(tn) + "\"")
                .body(Map.of("action", "withdraw")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200);
    }

    private void move(String tn, String assignments) {
        TestData.execute(dataSource, "UPDATE requests SET " + assignments + " WHERE tracking_number = '" + tn + "'");
    }
}
