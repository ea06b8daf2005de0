package kz.citizenrequests.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.TestData.Counts;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.TestData.submission;
import static kz.citizenrequests.TestData.with;
import static kz.citizenrequests.TestData.withCitizen;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class IntakeResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answersAReceiptWithTrackingNumberAccessCodeBranchAndDueDate() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Almaty"));
        given().contentType(ContentType.JSON).body(submission())
                .post("/api/v1/requests")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/requests/AST-" + today.getYear() + "-\\d{6,}"))
                .header("Cache-Control", "no-store")
                .body("trackingNumber", matchesPattern("AST-" + today.getYear() + "-\\d{6,}"))
                .body("accessCode", matchesPattern("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"))
                .body("status", equalTo("SUBMITTED"))
                .body("branch.code", equalTo("AST-RB"))
                .body("branch.name", equalTo("Астанинский городской филиал"))
                .body("dueDate", notNullValue())
                .body("receivedAt", notNullValue());
    }

    @Test
    void storesTheRequestWithItsFirstHistoryRowAndTheAccessCodeOnlyAsAHash() {
        Counts before = TestData.counts(dataSource);
        var receipt = TestData.submit(submission());
        Counts after = TestData.counts(dataSource);
        assertEquals(before.requests() + 1, after.requests());
        assertEquals(before.history() + 1, after.history());

        String code = receipt.path("accessCode");
        given().header("X-Access-Code", code).get("/api/v1/requests/{tn}/history", (String) receipt.path("trackingNumber"))
                .then().statusCode(200).body("action", equalTo(List.of("submit")));
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT count(*) FROM requests WHERE access_code_hash = ? OR access_code_hash = ?")) {
            statement.setString(1, code);
            statement.setString(2, code.replace("-", ""));
            var rows = statement.executeQuery();
            rows.next();
            assertEquals(0, rows.getLong(1), "the plain access code must not be stored");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void routesByDistrictThenCategoryThenToTheRegionalBranch() {
        assertEquals("AST-D02", TestData.submit(with(submission(), "district", "KZ-71-02")).path("branch.code"));
        assertEquals("AST-D01", TestData.submit(with(submission(), "category", "healthcare")).path("branch.code"));
        // a district rule outranks a category rule of the same region
        assertEquals("AST-D03", TestData.submit(with(with(submission(), "category", "healthcare"), "district", "KZ-71-03"))
                .path("branch.code"));
        assertEquals("ALA-RB", TestData.submit(with(submission(), "region", "KZ-75")).path("branch.code"));
        assertEquals("ALA-D02", TestData.submit(with(with(submission(), "region", "KZ-75"), "category", "ecology"))
                .path("branch.code"));
    }

    @Test
    void refusesARegionThatNoBranchServesAndStoresNothing() {
        TestData.execute(dataSource, "UPDATE branches SET active = false WHERE code = 'SHY-RB'");
        try {
            Counts before = TestData.counts(dataSource);
            given().contentType(ContentType.JSON).body(with(submission(), "region", "KZ-79"))
                    .post("/api/v1/requests")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:citizen-requests:problem:no-branch-for-region"))
                    .body("errors.field", hasItem("region"));
            assertEquals(before, TestData.counts(dataSource));
        } finally {
            TestData.execute(dataSource, "UPDATE branches SET active = true WHERE code = 'SHY-RB'");
        }
    }

    // ---- bad input: a 4xx problem naming the field, and nothing stored ----

    private ValidatableResponse refused(Object body, int status, String field) {
        Counts before = TestData.counts(dataSource);
        ValidatableResponse response = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/requests")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", equalTo("/api/v1/requests"))
                .body("errors.field", hasItem(field));
        assertEquals(before, TestData.counts(dataSource), "a refused submission must leave the database unchanged");
        return response;
    }

    @Test
    void refusesMalformedJson() {
        refused("{\"type\": \"application\", \"subject\": ", 400, "body")
                .body("type", equalTo("urn:citizen-requests:problem:invalid-input"));
    }

    @Test
    void refusesAnArrayInsteadOfAnObject() {
        refused("[1, 2]", 400, "body");
    }

    @Test
    void refusesStatusBranchAndTrackingNumberFromTheCitizen() {
        refused(with(submission(), "status", "RESOLVED"), 400, "status")
                .body("errors[0].message", containsString("unknown field"));
        refused(with(submission(), "branch", "AST-D01"), 400, "branch");
        refused(with(submission(), "trackingNumber", "AST-2026-000001"), 400, "trackingNumber");
        refused(withCitizen(submission(), "role", "admin"), 400, "citizen.role");
    }

    @Test
    void refusesWrongTypes() {
        refused(with(submission(), "subject", 42), 400, "subject");
        refused(with(submission(), "citizen", "Aigerim"), 400, "citizen");
        refused(with(submission(), "location", Map.of("latitude", "north", "longitude", 71.4)), 400, "location.latitude");
        refused(with(submission(), "publicationConsent", "yes"), 400, "publicationConsent");
        refused(with(submission(), "type", "petition"), 400, "type")
                .body("errors[0].message", containsString("application, complaint"));
        refused(with(submission(), "language", "de"), 400, "language");
    }

    @Test
    void refusesMissingAndOverLongFields() {
        refused(with(submission(), "subject", "x".repeat(201)), 400, "subject");
        refused(with(submission(), "description", "x".repeat(4001)), 400, "description");
        refused(with(submission(), "subject", "  "), 400, "subject");
        Map<String, Object> noType = submission();
        noType.remove("type");
        refused(noType, 400, "type");
        refused(withCitizen(submission(), "fullName", null), 400, "citizen.fullName");
    }

    @Test
    void refusesAnInvalidIin() {
        refused(withCitizen(submission(), "iin", "900101300127"), 400, "citizen.iin")
                .body("errors[0].message", containsString("check digit"));
    }

    @Test
    void refusesASubmissionWithoutAnyContact() {
        refused(withCitizen(withCitizen(submission(), "phone", null), "email", null), 400, "citizen.phone");
    }

    @Test
    void refusesCoordinatesOutsideKazakhstan() {
        refused(with(submission(), "location", Map.of("latitude", 48.85, "longitude", 2.35)), 400, "location.longitude");
        refused(with(submission(), "location", Map.of("latitude", 60.0, "longitude", 71.4)), 400, "location.latitude");
    }

    @Test
    void refusesUnknownCategoryRegionAndDistrict() {
        refused(with(submission(), "category", "weather"), 400, "category");
        refused(with(submission(), "region", "KZ-99"), 400, "region");
        refused(with(submission(), "district", "KZ-75-01"), 400, "district")
                .body("errors[0].message", containsString("not in region"));
    }

    @Test
    void refusesABodyOver64KiB() {
        refused(with(submission(), "description", "x".repeat(70_000)), 413, "body")
                .body("type", equalTo("urn:citizen-requests:problem:payload-too-large"));
    }

    @Test
    void refusesTheOpen311ChannelOverRest() {
        refused(with(submission(), "channel", "open311"), 400, "channel");
    }

    @Test
    void refusesAnotherMediaType() {
        given().contentType(ContentType.TEXT).body("hello").post("/api/v1/requests")
                .then().statusCode(415).contentType("application/problem+json");
    }

    // ---- idempotency ----

    @Test
    void aRetryWithTheSameKeyAndBodyAnswersTheOriginalReceiptAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        var first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(submission())
                .post("/api/v1/requests").then().statusCode(201).extract();
        Counts afterFirst = TestData.counts(dataSource);

        var retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(submission())
                .post("/api/v1/requests").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/api/v1/requests/" + first.path("trackingNumber")))
                .extract();

        assertEquals(afterFirst, TestData.counts(dataSource));
        assertEquals((Object) first.path("trackingNumber"), retry.path("trackingNumber"));
        assertEquals((Object) first.path("accessCode"), retry.path("accessCode"));
        assertEquals((Object) first.path("dueDate"), retry.path("dueDate"));
        assertEquals((Object) first.path("receivedAt"), retry.path("receivedAt"));
        // the replayed code opens the request
        given().header("X-Access-Code", (String) retry.path("accessCode"))
                .get("/api/v1/requests/{tn}", (String) first.path("trackingNumber")).then().statusCode(200);
    }

    /** Ten clients send the same key and body at once: one request, and all ten get its receipt. */
    @Test
    void simultaneousSubmissionsWithOneKeyCreateOneRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = submission();
        Counts before = TestData.counts(dataSource);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    var answer = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                            .post("/api/v1/requests").then().statusCode(201).extract();
                    return List.of(answer.<String>path("trackingNumber"), answer.<String>path("accessCode"));
                }));
            }
            start.countDown();
            java.util.Set<List<String>> receipts = new java.util.HashSet<>();
            for (var answer : answers) {
                receipts.add(answer.get(1, java.util.concurrent.TimeUnit.MINUTES));
            }
            assertEquals(1, receipts.size(), "different receipts for one key: " + receipts);
        } finally {
            pool.shutdownNow();
        }
        Counts after = TestData.counts(dataSource);
        assertEquals(before.requests() + 1, after.requests());
        assertEquals(before.history() + 1, after.history());
        assertEquals(before.idempotencyKeys() + 1, after.idempotencyKeys());
    }

    /**
     * The race the key's record settles: another submission of the same key commits while this
     * one is under way. This one's attempt waits on the key, gives way when the other commits,
     * leaves nothing behind (no request, no history, no count) and answers the other's receipt.
     */
    @Test
    void aSubmissionThatLosesTheRaceForItsKeyLeavesNothingAndAnswersTheWinnersReceipt() throws Exception {
        Map<String, Object> body = submission();
        String earlierKey = UUID.randomUUID().toString();
        String winnerReceipt = given().contentType(ContentType.JSON).header("Idempotency-Key", earlierKey).body(body)
                .post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber");
        String key = UUID.randomUUID().toString();
        java.util.concurrent.ExecutorService client = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (var winner = dataSource.getConnection()) {
            winner.setAutoCommit(false);
            // the winner: a record of the same body under the new key, written and not yet committed
            try (var insert = winner.prepareStatement("INSERT INTO idempotency_keys "
                    + "(idempotency_key, body_hash, request_id, response, created_at) "
                    + "SELECT ?, body_hash, request_id, response, now() FROM idempotency_keys WHERE idempotency_key = ?")) {
                insert.setString(1, key);
                insert.setString(2, earlierKey);
                assertEquals(1, insert.executeUpdate());
            }
            Counts before = TestData.counts(dataSource);
            long hitsBefore = counterHits();
            var answer = client.submit(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post("/api/v1/requests").then().extract());
            TestData.awaitLockWait(dataSource, "INSERT INTO idempotency_keys");
            winner.commit();

            var loser = answer.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(201, loser.statusCode());
            assertEquals("true", loser.header("Idempotent-Replayed"));
            assertEquals(winnerReceipt, loser.path("trackingNumber"));
            Counts after = TestData.counts(dataSource);
            assertEquals(before.requests(), after.requests(), "the losing attempt left a request");
            assertEquals(before.history(), after.history(), "the losing attempt left a history row");
            assertEquals(before.idempotencyKeys() + 1, after.idempotencyKeys());
            assertEquals(hitsBefore, counterHits(), "the losing attempt counted against the daily caps");
        } finally {
            client.shutdownNow();
        }
    }

    private long counterHits() {
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery("SELECT coalesce(sum(hits), 0) FROM rate_limit_counters")) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(submission())
                .post("/api/v1/requests").then().statusCode(201);
        Counts before = TestData.counts(dataSource);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(with(submission(), "subject", "Another subject"))
                .post("/api/v1/requests").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:idempotency-key-reused"))
                .body("errors.field", hasItem("Idempotency-Key"));
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void differentKeysCreateDifferentRequests() {
        String a = given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(submission()).post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber");
        String b = given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(submission()).post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber");
        assertNotEquals(a, b);
    }

    @Test
    void refusesAnUnusableIdempotencyKey() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(201)).body(submission())
                .post("/api/v1/requests").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void keepsTheRequestContentAsSubmitted() {
        var receipt = TestData.submit(with(submission(), "publicationConsent", true));
        String tn = receipt.path("trackingNumber");
        TestData.asHead(tn).get("/api/v1/requests/{tn}", tn).then().statusCode(200)
                .body("receivedAt", equalTo(receipt.path("receivedAt")))
                .body("citizen.iin", equalTo(TestData.VALID_IIN))
                .body("publicationConsent", equalTo(true))
                .body("channel", equalTo("web"))
                .body("location.latitude", equalTo(51.128f))
                .body("assignee", nullValue());
    }
}
