package kz.citizenrequests.shared;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/** Whatever a client sends, the answer is a 4xx problem document, never a 500, and nothing is stored. */
@QuarkusTest
class HostileInputTest {

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "null",
            "42",
            "\"text\"",
            "{",
            "{\"type\":\"application\",\"type\":\"complaint\"}",
            "{\"type\":\"application\"} trailing",
            "{\"subject\":\"a\\u0000b\"}",
            "{\"location\":{\"latitude\":1e400,\"longitude\":2}}",
            "{\"location\":[51,71]}",
            "{\"citizen\":{\"fullName\":{\"first\":\"A\"}}}",
            "{\"type\":null,\"citizen\":null}",
            "{\"publicationConsent\":1}",
            "{\"channel\":7}",
            "{\"publicationConsent\":\"   \"}",
            "{\"publicationConsent\":\"\\u0000\"}",
            "{\"publicationConsent\":\"\"}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    })
    void aHostileSubmissionIsAProblemAndStoresNothing(String body) {
        TestData.Counts before = TestData.counts(dataSource);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/requests")
                .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));
        assertEquals(before, TestData.counts(dataSource));
    }

    /** Text PostgreSQL would mangle or XML cannot carry is refused in every field, naming it. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0001", "\u0007", "\u001b", "\ud800", "x\udc00y", "\uffff"})
    void unacceptableTextIsRefusedNamingTheField(String bad) {
        TestData.Counts before = TestData.counts(dataSource);
        for (String field : List.of("subject", "description", "address")) {
            given().contentType(ContentType.JSON).body(TestData.with(TestData.submission(), field, "a" + bad + "b"))
                    .post("/api/v1/requests")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        }
        given().contentType(ContentType.JSON).body(TestData.withCitizen(TestData.submission(), "fullName", "A" + bad))
                .post("/api/v1/requests")
                .then().statusCode(400).body("errors.field", hasItem("citizen.fullName"));
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void anEnumValueIsItsExactWord() {
        given().contentType(ContentType.JSON).body(TestData.with(TestData.submission(), "type", " application "))
                .post("/api/v1/requests").then().statusCode(400).body("errors.field", hasItem("type"));
        String tn = TestData.submitted();
        TestData.act(tn).body(Map.of("action", " register ")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("action"));
    }

    /** The answer may have 8000 characters; it is also the note of the resolve act in the history. */
    @Test
    void aLongAnswerIsStoredWithItsHistoryRow() {
        String tn = TestData.submitted();
        TestData.perform(tn, Map.of("action", "register"));
        TestData.perform(tn, Map.of("action", "start_work"));
        TestData.act(tn).body(Map.of("action", "resolve", "outcome", "explained", "answer", "Ответ. ".repeat(1000)))
                .post("/api/v1/requests/{tn}/transitions", tn).then().statusCode(200).body("status", equalTo("RESOLVED"));
    }

    @Test
    void aStaffNoteWithAControlCharacterIsRefused() {
        String tn = TestData.submitted();
        TestData.Counts before = TestData.counts(dataSource);
        TestData.act(tn).body(Map.of("action", "comment", "note", "Bell\u0007")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("note"));
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() {
        String body = "{\"type\":\"application\",\"category\":\"housing_utilities\",\"region\":\"KZ-71\","
                + "\"subject\":\"Broken \\ud83d pipe\",\"description\":\"d\",\"language\":\"ru\","
                + "\"citizen\":{\"fullName\":\"A B\",\"phone\":\"+7 701 234 5678\"}}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/requests")
                .then().statusCode(400).body("errors.field", hasItem("subject"));
    }

    /** Dates far outside the service's lifetime are a 400 naming the parameter, not a database error. */
    @ParameterizedTest
    @ValueSource(strings = {"-4714-01-01", "+999999999-12-01", "+5874898-01-01", "-999999999-01-01", "1999-12-31", "2101-01-01"})
    void datesOutsideTheAcceptedRangeAreABadRequest(String date) {
        given().auth().oauth2(kz.citizenrequests.Tokens.operator("AST-RB")).queryParam("receivedFrom", date)
                .get("/api/v1/requests").then().statusCode(400).body("errors.field", hasItem("receivedFrom"));
        given().auth().oauth2(kz.citizenrequests.Tokens.leadership(null)).queryParam("from", date)
                .get("/api/v1/reports/summary").then().statusCode(400).body("errors.field", hasItem("from"));
        given().auth().oauth2(kz.citizenrequests.Tokens.leadership(null)).queryParam("to", date)
                .get("/api/v1/reports/breakdown?by=region").then().statusCode(400).body("errors.field", hasItem("to"));
        given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("working", false, "note", "x")).urlEncodingEnabled(false)
                .put("/api/v1/admin/calendar/days/" + date.replace("+", "%2B"))
                .then().statusCode(400).body("errors.field", hasItem("day"));
    }

    @Test
    void aReportWithAnEmptyOrOddAcceptIsJsonOrNotAcceptable() {
        String leader = kz.citizenrequests.Tokens.leadership(null);
        given().auth().oauth2(leader).header("Accept", "").get("/api/v1/reports/summary")
                .then().statusCode(200).contentType(ContentType.JSON);
        given().auth().oauth2(leader).header("Accept", "text/html").get("/api/v1/reports/summary")
                .then().statusCode(406).contentType("application/problem+json").body("errors.field", hasItem("Accept"));
    }

    @Test
    void concurrentDeclarationsOfTheSameCalendarDayAllSucceed() throws Exception {
        String admin = kz.citizenrequests.Tokens.admin();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(admin).contentType(ContentType.JSON)
                            .body(Map.of("working", false, "note", "Day of the test"))
                            .put("/api/v1/admin/calendar/days/2099-06-10").then().extract().statusCode();
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
            given().auth().oauth2(admin).delete("/api/v1/admin/calendar/days/2099-06-10").then().statusCode(204);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "x'; DROP TABLE requests; --", "AST-2026-0000000000000000001", "ast-2026-000001", "%E2%80%AE"})
    void aStrangeTrackingNumberIsNotFound(String trackingNumber) {
        given().auth().oauth2(kz.citizenrequests.Tokens.head("AST-RB")).urlEncodingEnabled(false).get("/api/v1/requests/" + trackingNumber.replace(" ", "%20"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%00", "branch=%27%3B", "region=KZ-71%00", "page=1e3", "size=0", "size=-5", "overdue=1",
            "page=%2B7", "size=%D9%A3", "q=%ED%A0%80", "q=%FF"})
    void aStrangeQueueParameterIsABadRequest(String query) {
        given().auth().oauth2(kz.citizenrequests.Tokens.operator("AST-RB")).urlEncodingEnabled(false).get("/api/v1/requests?" + query)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
