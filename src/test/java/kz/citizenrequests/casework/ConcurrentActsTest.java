package kz.citizenrequests.casework;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ConcurrentActsTest {

    private static final int THREADS = 20;

    @Test
    void ofTwentyActsOnTheSameVersionExactlyOneWinsAndOneHistoryRowIsWritten() throws Exception {
        String tn = TestData.submitted();
        String head = kz.citizenrequests.Tokens.head("AST-RB");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String assignee = "staff-" + i;
                Callable<Integer> attempt = () -> {
                    start.await();
                    return given().auth().oauth2(head).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                            .body(Map.of("action", "assign", "assignee", assignee))
                            .post("/api/v1/requests/{tn}/transitions", tn)
                            .then().extract().statusCode();
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 412), "statuses: " + statuses);
        } finally {
            pool.shutdownNow();
        }

        List<String> actions = given().auth().oauth2(head).get("/api/v1/requests/{tn}/history", tn).then().statusCode(200)
                .extract().path("action");
        assertEquals(List.of("submit", "assign"), actions);
        String winner = given().auth().oauth2(head).get("/api/v1/requests/{tn}/history", tn).then().extract().path("[1].details.assignee");
        given().auth().oauth2(head).get("/api/v1/requests/{tn}", tn).then()
                .body("version", org.hamcrest.Matchers.equalTo(1))
                .body("assignee", org.hamcrest.Matchers.equalTo(winner));
    }
}
