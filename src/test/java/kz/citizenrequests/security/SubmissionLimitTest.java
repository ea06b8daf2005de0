package kz.citizenrequests.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.TestData.submission;
import static kz.citizenrequests.TestData.withCitizen;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Daily caps on submissions, answered with 429 and Retry-After; shared by all instances through the database. */
@QuarkusTest
@TestProfile(SubmissionLimitTest.LowLimits.class)
class SubmissionLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("citizen-requests.rate-limit.per-citizen-per-day", "2",
                    "citizen-requests.rate-limit.per-address-per-day", "1000000");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCitizenOverTheDailyCapGets429WithRetryAfterAndNothingIsStored() {
        Map<String, Object> body = withCitizen(withCitizen(submission(), "iin", null), "email", UUID.randomUUID() + "@example.kz");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/requests").then().statusCode(201);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/requests").then().statusCode(201);
        TestData.Counts before = TestData.counts(dataSource);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/requests").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("urn:citizen-requests:problem:too-many-submissions"));
        assertEquals(before, TestData.counts(dataSource));
        // another citizen from the same address is not affected
        given().contentType(ContentType.JSON)
                .body(withCitizen(withCitizen(submission(), "iin", null), "email", UUID.randomUUID() + "@example.kz"))
                .post("/api/v1/requests").then().statusCode(201);
    }

    /**
     * A retry with the same Idempotency-Key while the first submission is still in flight, by a
     * citizen that first submission brings to the cap: the retry waits on the citizen's counter,
     * finds it over the cap once the first commits, and answers the first one's receipt, not 429.
     * The test plays the first submission in its own transaction: the counter at the cap and the
     * key's record, held until the retry waits on the counter.
     */
    @Test
    void aRetryOfASubmissionInFlightThatReachedTheCapAnswersItsReceipt() throws Exception {
        Map<String, Object> body = withCitizen(withCitizen(submission(), "iin", null), "email", UUID.randomUUID() + "@example.kz");
        java.util.Set<String> bucketsBefore = buckets();
        String earlierKey = UUID.randomUUID().toString();
        String receipt = given().contentType(ContentType.JSON).header("Idempotency-Key", earlierKey).body(body)
                .post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber");
        java.util.Set<String> citizenBucket = buckets();
        citizenBucket.removeAll(bucketsBefore);
        assertEquals(1, citizenBucket.size(), "the citizen's counter: " + citizenBucket);

        String key = UUID.randomUUID().toString();
        java.util.concurrent.ExecutorService client = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (var first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            try (var count = first.prepareStatement("UPDATE rate_limit_counters SET hits = hits + 1 WHERE bucket = ?");
                 var record = first.prepareStatement("INSERT INTO idempotency_keys "
                         + "(idempotency_key, body_hash, request_id, response, created_at) "
                         + "SELECT ?, body_hash, request_id, response, now() FROM idempotency_keys WHERE idempotency_key = ?")) {
                count.setString(1, citizenBucket.iterator().next());
                assertEquals(1, count.executeUpdate());
                record.setString(1, key);
                record.setString(2, earlierKey);
                assertEquals(1, record.executeUpdate());
            }
            var retry = client.submit(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post("/api/v1/requests").then().extract());
            TestData.awaitLockWait(dataSource, "WITH earlier AS");
            first.commit();

            var answer = retry.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(201, answer.statusCode(), answer.asString());
            assertEquals("true", answer.header("Idempotent-Replayed"));
            assertEquals(receipt, answer.path("trackingNumber"));
        } finally {
            client.shutdownNow();
        }
    }

    private java.util.Set<String> buckets() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT bucket FROM rate_limit_counters WHERE bucket LIKE 'citizen:%'")) {
            java.util.Set<String> buckets = new java.util.HashSet<>();
            while (rows.next()) {
                buckets.add(rows.getString(1));
            }
            return buckets;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An integrator's filings count against its key's own daily quota, not against the citizens'
     * caps (issue 15): past the quota, 429 with Retry-After in the spec's error format.
     */
    @Test
    void anOpen311ClientGets429WithRetryAfterInTheSpecsErrorFormat() {
        String key = given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("client", "limit test", "dailyQuota", 3)).post("/api/v1/admin/open311-keys")
                .then().statusCode(201).extract().path("apiKey");
        String email = UUID.randomUUID() + "@example.kz";
        for (int i = 0; i < 4; i++) {
            var response = given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                    .formParam("api_key", key).formParam("service_code", "ecology").formParam("attribute[area]", "KZ-75")
                    .formParam("first_name", "Dana").formParam("email", email).formParam("description", "Smoke " + i)
                    .post("/open311/v2/requests.json").then();
            if (i < 3) {
                // the same e-mail three times: more than a citizen's cap here, yet the integrator's quota rules
                response.statusCode(200);
            } else {
                response.statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                        .body("[0].code", equalTo(429));
            }
        }
    }

    @Test
    void theCountersKeepNoAddressOrIdentity() {
        given().contentType(ContentType.JSON).body(withCitizen(submission(), "iin", "750615301235"))
                .post("/api/v1/requests").then().statusCode(201);
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM rate_limit_counters WHERE bucket LIKE '%750615301235%' OR bucket LIKE '%127.0.0.1%'")) {
            rows.next();
            assertEquals(0, rows.getLong(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePortalSaysTheWaitInWordsWhenTheCapIsReached() {
        String phone = "+7 777 " + (100 + (int) (Math.random() * 899)) + " " + (1000 + (int) (Math.random() * 8999));
        java.util.function.Supplier<io.restassured.response.Response> send = () -> given()
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").cookie("lang", "ru")
                .formParams(Map.of("key", UUID.randomUUID().toString(), "type", "inquiry", "category", "other",
                        "region", "KZ-71", "subject", "Вопрос", "description", "Когда откроют школу?",
                        "citizen.fullName", "Арман Нурланов", "citizen.phone", phone, "language", "ru"))
                .post("/submit");
        assertEquals(201, send.get().statusCode());
        assertEquals(201, send.get().statusCode());
        TestData.Counts before = TestData.counts(dataSource);
        io.restassured.response.Response refused = send.get();

        assertEquals(429, refused.statusCode());
        assertEquals(before, TestData.counts(dataSource));
        long wait = Long.parseLong(refused.header("Retry-After"));
        String page = refused.asString();
        // the wait in words, as in "через 5 часов" or "через 12 минут", never in seconds
        String words = (wait + 59) / 60 >= 60 ? "час" : "минут";
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("Следующее можно отправить через ")
                && page.contains(words), page);
    }
}
