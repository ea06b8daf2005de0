package kz.citizenrequests.shared;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overload and an unavailable database are answered 503 with Retry-After and a problem,
 * never 500, and nothing acknowledged is lost. A small instance (2 workers, 2 waiting,
 * a 1 s statement timeout) makes both happen on demand.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallInstance.class)
class OverloadTest {

    public static class SmallInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", "2",
                    "quarkus.thread-pool.core-threads", "1",
                    "quarkus.thread-pool.queue-size", "2",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.options", "-c statement_timeout=1000");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** Management endpoints are under /q on the management port; the injected URL carries both. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aBurstIsShedWith503AndEveryAcknowledgedSubmissionIsStoredWithItsHistory() throws Exception {
        TestData.Counts before = TestData.counts(dataSource);
        int clients = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Response>> answers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < clients; i++) {
                Map<String, Object> body = TestData.with(TestData.submission(), "subject", "Burst " + UUID.randomUUID());
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body).post("/api/v1/requests");
                }));
            }
            start.countDown();
            int created = 0;
            int shed = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                if (response.statusCode() == 201) {
                    created++;
                } else {
                    assertEquals(503, response.statusCode(), response.asString());
                    assertEquals("application/problem+json", response.contentType());
                    assertNotNull(response.header("Retry-After"));
                    shed++;
                }
            }
            assertTrue(shed > 0, "a burst of 40 on 2 workers must shed some");
            TestData.Counts after = TestData.counts(dataSource);
            assertEquals(created, after.requests() - before.requests(), "every 201 is stored");
            assertEquals(created, after.history() - before.history(), "with its receipt in the history");
        } finally {
            pool.shutdownNow();
        }
        String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics.toURI()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scraped.contains("citizen_requests_unavailable_total{cause=\"overload\""), "shedding is counted");
    }

    @Test
    void aLockedTableIsA503AndNothingIsStored() throws Exception {
        TestData.Counts before;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE requests IN ACCESS EXCLUSIVE MODE");
            }
            given().contentType(ContentType.JSON).body(TestData.submission()).post("/api/v1/requests")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2");
            holder.rollback();
        }
        before = TestData.counts(dataSource);
        given().contentType(ContentType.JSON).body(TestData.submission()).post("/api/v1/requests").then().statusCode(201);
        assertEquals(before.requests() + 1, TestData.counts(dataSource).requests());
    }
}
