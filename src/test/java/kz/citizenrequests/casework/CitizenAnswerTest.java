package kz.citizenrequests.casework;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import kz.citizenrequests.calendar.Deadlines;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The citizen's answer back (APPC Art. 91): satisfied or not with a rating and a comment,
 * a complaint that reopens the request at the branch above with its own term, the request
 * closing by itself when nobody answers, follow-up comments, and the figures that count them.
 */
@QuarkusTest
class CitizenAnswerTest {

    private static final ZoneId KZ = ZoneId.of("Asia/Almaty");

    @Inject
    DataSource dataSource;

    @Inject
    DeadlineWatch watch;

    @Inject
    Deadlines deadlines;

    private record Held(String number, String code) {
    }

    /** A request of the Almaty district of Astana (branch AST-D01), decided and resolved. */
    private static Held resolved(String category) {
        ExtractableResponse<Response> receipt = TestData.submit(TestData.with(TestData.with(TestData.submission(),
                "district", "KZ-71-01"), "category", category));
        String number = receipt.path("trackingNumber");
        TestData.perform(number, Map.of("action", "register"));
        TestData.perform(number, Map.of("action", "start_work"));
        TestData.perform(number, Map.of("action", "resolve", "outcome", "explained", "answer", "The repair is planned for spring."));
        return new Held(number, receipt.path("accessCode"));
    }

    private static ExtractableResponse<Response> citizenAct(Held held, Map<String, Object> body) {
        int version = given().header("X-Access-Code", held.code()).get("/api/v1/requests/{n}", held.number())
                .then().statusCode(200).extract().header("ETag").replace("\"", "").transform(Integer::parseInt);
        return given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .header("X-Access-Code", held.code()).body(body)
                .post("/api/v1/requests/{n}/transitions", held.number()).then().extract();
    }

    private static Map<String, Object> summary(String category) {
        LocalDate today = LocalDate.now(KZ);
        return given().auth().oauth2(Tokens.leadership(null)).queryParam("from", today.minusDays(60).toString())
                .queryParam("to", today.toString()).queryParam("category", category)
                .get("/api/v1/reports/summary").then().statusCode(200).extract().as(Map.class);
    }

    @Test
    void aSatisfiedAnswerIsRecordedAndMeasuredInTheConfirmedRate() {
        Held held = resolved("employment");
        Map<String, Object> before = summary("employment");

        citizenAct(held, Map.of("action", "feedback", "satisfied", true, "rating", 5, "note", "Thank you"));
        Held unhappy = resolved("employment");
        citizenAct(unhappy, Map.of("action", "feedback", "satisfied", false, "rating", 2));

        Map<String, Object> after = summary("employment");
        assertEquals(((Number) before.get("citizenAnswered")).longValue() + 2, ((Number) after.get("citizenAnswered")).longValue());
        assertEquals(((Number) before.get("citizenSatisfied")).longValue() + 1, ((Number) after.get("citizenSatisfied")).longValue());
        double rate = ((Number) after.get("citizenSatisfied")).doubleValue() / ((Number) after.get("citizenAnswered")).doubleValue();
        assertEquals(rate, ((Number) after.get("citizenConfirmedRate")).doubleValue(), 1e-9);

        // the answer stays resolved, in the history for both sides, and in the staff view
        given().header("X-Access-Code", held.code()).get("/api/v1/requests/{n}", held.number()).then()
                .body("status", equalTo("RESOLVED")).body("history.action", hasItem("feedback"));
        TestData.asHead(held.number()).get("/api/v1/requests/{n}", held.number()).then()
                .body("citizenSatisfied", equalTo(true)).body("citizenRating", equalTo(5));
        // not satisfied without a comment is an answer, not a complaint
        given().header("X-Access-Code", unhappy.code()).get("/api/v1/requests/{n}", unhappy.number()).then()
                .body("status", equalTo("RESOLVED")).body("complaint", equalTo(false));
    }

    @Test
    void notSatisfiedWithACommentIsAComplaintThatGoesToTheBranchAboveWithItsOwnTerm() {
        Held held = resolved("agriculture");
        Map<String, Object> before = summary("agriculture");

        citizenAct(held, Map.of("action", "feedback", "satisfied", false, "rating", 1,
                "note", "Nothing was explained; the road is still broken")).response().then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("complaint", equalTo(true));

        assertEquals("AST-RB", TestData.branchOf(held.number()), "from the district branch to its regional branch");
        LocalDate due = deadlines.dueDate("complaint", LocalDate.now(KZ));
        TestData.asHead(held.number()).get("/api/v1/requests/{n}", held.number()).then().statusCode(200)
                .body("dueDate", equalTo(due.toString())).body("statutoryDueDate", equalTo(due.toString()))
                .body("assignee", equalTo(null)).body("complaint", equalTo(true));
        List<Map<String, Object>> history = TestData.asHead(held.number()).get("/api/v1/requests/{n}/history", held.number())
                .then().extract().jsonPath().getList("findAll { it.action == 'complaint' }");
        assertEquals(1, history.size());
        assertEquals("Nothing was explained; the road is still broken", history.get(0).get("note"));
        assertEquals(true, history.get(0).get("visibleToCitizen"));

        Map<String, Object> after = summary("agriculture");
        assertEquals(count(before, "received") + 1, count(after, "received"));

        // the regional branch decides it; the complaint's outcome is counted
        TestData.perform(held.number(), Map.of("action", "resolve", "outcome", "satisfied", "answer", "Repaired on Monday."));
        Map<String, Object> decided = summary("agriculture");
        assertEquals(count(before, "decided") + 1, count(decided, "decided"));
        assertEquals(count(before, "satisfied") + 1, count(decided, "satisfied"));
    }

    @SuppressWarnings("unchecked")
    private static long count(Map<String, Object> summary, String figure) {
        return ((Number) ((Map<String, Object>) summary.get("complaints")).get(figure)).longValue();
    }

    @Test
    void anAnswerAfterTheWindowOrAfterClosingIsRefusedWith409() {
        Held late = resolved("education");
        TestData.execute(dataSource, "UPDATE requests SET resolved_at = resolved_at - INTERVAL '31 days' "
                + "WHERE tracking_number = '" + late.number() + "'");
        citizenAct(late, Map.of("action", "feedback", "satisfied", true)).response().then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:citizen-requests:problem:answer-window-closed"));

        Held closed = resolved("education");
        TestData.perform(closed.number(), Map.of("action", "close"));
        citizenAct(closed, Map.of("action", "feedback", "satisfied", false, "note", "Too late?")).response().then()
                .statusCode(409).body("type", equalTo("urn:citizen-requests:problem:illegal-transition"));

        // the answer needs its yes or no, and a rating is 1 to 5
        Held fresh = resolved("education");
        citizenAct(fresh, Map.of("action", "feedback", "note", "Hm")).response().then().statusCode(400)
                .body("errors.field", hasItem("satisfied"));
        Map<String, Object> badRating = new HashMap<>(Map.of("action", "feedback", "satisfied", true, "rating", 6));
        citizenAct(fresh, badRating).response().then().statusCode(400).body("errors.field", hasItem("rating"));
        // staff cannot answer for the citizen
        TestData.act(fresh.number()).body(Map.of("action", "feedback", "satisfied", true))
                .post("/api/v1/requests/{n}/transitions", fresh.number()).then().statusCode(403);
    }

    @Test
    void aResolvedRequestNobodyAnswersClosesByItselfOnce() {
        Held quiet = resolved("healthcare");
        Held recent = resolved("healthcare");
        TestData.execute(dataSource, "UPDATE requests SET resolved_at = resolved_at - INTERVAL '31 days' "
                + "WHERE tracking_number = '" + quiet.number() + "'");
        given().header("X-Access-Code", recent.code()).get("/api/v1/requests/{n}", recent.number()).then()
                .body("answerUntil", notNullValue());

        watch.closeUnanswered(Instant.now());
        watch.closeUnanswered(Instant.now());

        List<Map<String, Object>> history = TestData.asHead(quiet.number()).get("/api/v1/requests/{n}/history", quiet.number())
                .then().extract().jsonPath().getList("findAll { it.action == 'close' }");
        assertEquals(1, history.size());
        assertEquals("system", history.get(0).get("actor"));
        given().header("X-Access-Code", quiet.code()).get("/api/v1/requests/{n}", quiet.number()).then()
                .body("status", equalTo("CLOSED")).body("answerUntil", equalTo(null));
        given().header("X-Access-Code", recent.code()).get("/api/v1/requests/{n}", recent.number()).then()
                .body("status", equalTo("RESOLVED"));
    }

    @Test
    void theCitizenAddsFollowUpCommentsToAnOpenRequestAFewADay() {
        ExtractableResponse<Response> receipt = TestData.submit(TestData.submission());
        Held held = new Held(receipt.path("trackingNumber"), receipt.path("accessCode"));
        for (int i = 1; i <= 5; i++) {
            citizenAct(held, Map.of("action", "follow_up", "note", "Still no water, day " + i)).response().then().statusCode(200);
        }
        citizenAct(held, Map.of("action", "follow_up", "note", "Day 6")).response().then().statusCode(429)
                .header("Retry-After", notNullValue()).contentType("application/problem+json");

        List<String> seen = given().header("X-Access-Code", held.code()).get("/api/v1/requests/{n}", held.number())
                .then().extract().jsonPath().getList("history.findAll { it.action == 'follow_up' }.note");
        assertEquals(5, seen.size());
        assertTrue(seen.contains("Still no water, day 1"));
        TestData.asHead(held.number()).get("/api/v1/requests/{n}/history", held.number()).then()
                .body("findAll { it.action == 'follow_up' }.actor", hasItem("citizen"));
        citizenAct(held, Map.of("action", "follow_up")).response().then().statusCode(400).body("errors.field", hasItem("note"));
    }
}
