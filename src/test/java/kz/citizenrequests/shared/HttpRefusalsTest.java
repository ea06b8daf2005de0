package kz.citizenrequests.shared;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import kz.citizenrequests.shared.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP layer refuses before any resource runs is answered like every other error,
 * and a client that sends slowly or too much holds nothing another client needs.
 */
@QuarkusTest
class HttpRefusalsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MalformedHeads malformedHeads;

    /** Management endpoints are under /q on the management port; the injected URL carries both. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aRequestWithoutHostIsAProblem() throws IOException {
        String answer = raw("GET /api/v1/regions HTTP/1.1\r\nConnection: close\r\n\r\n", 10_000);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":400"), answer);
    }

    @Test
    void aDisallowedOriginIsAProblem() {
        given().header("Origin", "https://evil.example").get("/api/v1/regions")
                .then().statusCode(403).contentType("application/problem+json").body("errors.field", hasItem("Origin"));
        given().header("Origin", "https://dashboard.example").get("/api/v1/regions").then().statusCode(200);
    }

    @Test
    void anOverlongUriIsAProblem() {
        given().queryParam("q", "a".repeat(5000)).auth().oauth2(Tokens.operator("AST-RB")).get("/api/v1/requests")
                .then().statusCode(414).contentType("application/problem+json").body("errors.field", hasItem("uri"));
    }

    @Test
    void aChunkedBodyOverTheLimitIsAProblemAndNoError() throws IOException {
        long logBefore = ServiceLog.size();
        TestData.Counts before = TestData.counts(dataSource);
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(new byte[70_000]))
                .post("/api/v1/requests")
                .then().statusCode(413).contentType("application/problem+json").body("errors.field", hasItem("body"));
        assertEquals(before, TestData.counts(dataSource));
        ServiceLog.assertNoErrorSince(logBefore);
    }

    @Test
    void aUriThatIsNotPercentEncodedUtf8IsAProblem() throws IOException {
        for (String uri : List.of("/api/v1/regions?x=%zz", "/api/v1/requests/%zz", "/%FF", "/api/v1/regions?q=%ED%A0%80")) {
            String answer = raw("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 10_000);
            assertTrue(answer.startsWith("HTTP/1.1 400"), uri + ": " + answer);
            assertTrue(answer.contains("application/problem+json") && answer.contains("\"field\":\"uri\""), uri + ": " + answer);
        }
        String open311 = raw("GET /open311/v2/services.%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 10_000);
        assertTrue(open311.contains("[{\"code\":400"), open311);
    }

    /** A chunked form over the limit, even in one field, is answered (Vert.x' own field limit is set above the body limit). */
    @Test
    void aChunkedFormOverTheLimitIsAnswered() throws Exception {
        byte[] form = ("description=" + "x".repeat(70_000)).getBytes(StandardCharsets.US_ASCII);
        // a stream of unknown length is sent chunked
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + RestAssured.port + "/open311/v2/requests.xml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertTrue(answer.body().contains("<code>413</code>"), answer.body());
    }

    @Test
    void aFormWithTooManyFieldsIsRefusedInOpen311sFormat() {
        StringBuilder form = new StringBuilder("api_key=unknown");
        for (int i = 0; i < 1001; i++) {
            form.append("&f").append(i).append("=x");
        }
        given().contentType("application/x-www-form-urlencoded").body(form.toString()).post("/open311/v2/requests.json")
                .then().statusCode(413).body("[0].code", equalTo(413));
    }

    @Test
    void aBodyWithoutAJsonContentTypeIsRefusedNamingTheHeader() {
        String json = "{\"type\":\"application\"}";
        given().body(json.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "*/*").post("/api/v1/requests")
                .then().statusCode(415).contentType("application/problem+json").body("errors.field", hasItem("Content-Type"));
        given().body(json.getBytes(StandardCharsets.UTF_8)).noContentType().post("/api/v1/requests")
                .then().statusCode(415).contentType("application/problem+json").body("errors.field", hasItem("Content-Type"));
    }

    @Test
    void aSlowClientIsCutOffWithAProblem() throws IOException {
        String answer = raw("POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 500\r\n\r\n{\"type\":", 30_000);
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
    }

    /**
     * The deadline (3 s in the tests) is for receiving the request, not for answering it: a
     * submission whose body is in but which waits longer on the database is answered, not cut off.
     */
    @Test
    void aRequestWaitingOnTheDatabaseIsNotCutOffByTheDeadline() throws Exception {
        String key = "deadline-" + java.util.UUID.randomUUID();
        try (java.sql.Connection holder = dataSource.getConnection()) {
            // another transaction holds the key's claim, uncommitted: the submission's claim waits behind it
            holder.setAutoCommit(false);
            holder.createStatement().execute("INSERT INTO idempotency_keys (idempotency_key, body_hash, created_at) "
                    + "VALUES ('" + key + "', 'held', now())");
            java.util.concurrent.CompletableFuture<io.restassured.response.Response> answer =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                            .header("Idempotency-Key", key).body(TestData.submission()).post("/api/v1/requests"));
            try (java.sql.Connection watcher = dataSource.getConnection()) {
                // not the holder's connection: inside its transaction pg_stat_activity would not change
                waitUntilASubmissionWaitsOnTheKey(watcher);
            }
            // let the receiving deadline pass while the submission waits for the key
            Thread.sleep(4_000);
            holder.rollback();
            assertEquals(201, answer.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
    }

    private static void waitUntilASubmissionWaitsOnTheKey(java.sql.Connection connection) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (java.sql.ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            + "AND query LIKE 'INSERT INTO idempotency_keys%'")) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        throw new AssertionError("the submission never reached the key's claim");
    }

    /**
     * More slow uploads (80) than there are worker threads (32): bodies are read on the I/O
     * threads, so other clients are still served while the uploads trickle in.
     */
    @Test
    void slowUploadsDoNotHoldTheWorkers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                Socket socket = new Socket("localhost", RestAssured.port);
                socket.getOutputStream().write(("POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 30000\r\n\r\n{\"type\":")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(4)).build();
            HttpResponse<String> regions = client.send(HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + RestAssured.port + "/api/v1/regions"))
                    .timeout(Duration.ofSeconds(4)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, regions.statusCode());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                            java.net.URI.create(metrics.toString().replace("/q/metrics", "/q/health/ready")))
                    .timeout(Duration.ofSeconds(4)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** The handler of malformed heads is in place on the servers of the port before the tests below send any. */
    @Test
    void malformedHeadsAreAnsweredByTheServiceOnEveryServer() throws Exception {
        assertTrue(installedOnServers() > 0);
    }

    @Test
    void aControlCharacterInAHeaderValueIsAProblem() throws Exception {
        for (String value : List.of("a\u0001b", "a\u0000b", "a\u007fb")) {
            Answer answer = malformed("GET /api/v1/regions HTTP/1.1\r\nHost: localhost\r\nX-A: " + value + "\r\n\r\n");
            assertProblem(answer, 400, "control character");
        }
    }

    @Test
    void aContentLengthThatIsNotOneNumberIsAProblem() throws Exception {
        for (String length : List.of("12, 13", "abc", "-1")) {
            Answer answer = malformed("POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n{\"type\":\"a\"}");
            assertProblem(answer, 400, "Content-Length must be one number");
        }
        Answer twice = malformed("POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12\r\nContent-Length: 13\r\n\r\n{\"type\":\"a\"}");
        assertProblem(twice, 400, "Content-Length must be one number");
    }

    /** Over the decoder's 16 KiB the line is not kept: a problem document, whatever the path. */
    @Test
    void aRequestLineOverTheDecodersLimitIsAProblem() throws Exception {
        for (String path : List.of("/api/v1/regions", "/open311/v2/services.json")) {
            Answer answer = malformed("GET " + path + "?q=" + "a".repeat(17_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertProblem(answer, 414, "request line is longer than 16384 bytes");
        }
    }

    @Test
    void headersOverTheDecodersLimitAreAProblem() throws Exception {
        Answer answer = malformed("GET /api/v1/regions HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(21_000)
                + "\r\n\r\n");
        assertProblem(answer, 431, "request headers are larger than");
    }

    @Test
    void aMalformedHeadUnderOpen311IsAnOpen311Error() throws Exception {
        Answer json = malformed("GET /open311/v2/services.json HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0001b\r\n\r\n");
        assertEquals(400, json.status(), json.text());
        assertTrue(String.valueOf(json.header("Content-Type")).startsWith("application/json"), json.header("Content-Type"));
        assertTrue(json.text().startsWith("[{\"code\":400,\"description\":") && json.text().contains("control character"),
                json.text());
        Answer xml = malformed("POST /open311/v2/requests.xml HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1, 2\r\n\r\nx");
        assertEquals(400, xml.status(), xml.text());
        assertTrue(String.valueOf(xml.header("Content-Type")).startsWith("text/xml"), xml.header("Content-Type"));
        assertTrue(xml.text().contains("<code>400</code>") && xml.text().contains("Content-Length"), xml.text());
        Answer big = malformed("GET /open311/v2/services.json HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(21_000)
                + "\r\n\r\n");
        assertEquals(431, big.status(), big.text());
        assertTrue(big.text().startsWith("[{\"code\":431,"), big.text());
    }

    /** Sends a head the HTTP decoder refuses, once the service answers such heads itself. */
    private Answer malformed(String head) throws Exception {
        installedOnServers();
        Answer answer = RawHttp.exchange(RestAssured.port, head.getBytes(StandardCharsets.ISO_8859_1), new byte[0], false, 0);
        assertEquals(null, answer.failure(), head.length() > 200 ? head.substring(0, 200) : head);
        return answer;
    }

    private int installedOnServers() throws Exception {
        return malformedHeads.installed().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static void assertProblem(Answer answer, int status, String detail) {
        String described = answer.status() + " " + answer.headers() + " " + answer.text();
        assertEquals(status, answer.status(), described);
        assertEquals(Problem.MEDIA_TYPE, answer.header("Content-Type"), described);
        assertEquals("close", answer.header("Connection"), described);
        assertTrue(answer.text().contains("\"status\":" + status) && answer.text().contains("\"title\":")
                && answer.text().contains("\"type\":\"urn:citizen-requests:problem:") && answer.text().contains(detail), described);
    }

    @Test
    void metricsAreServedOnTheManagementPortOnly() throws Exception {
        given().get("/q/metrics").then().statusCode(404);
        HttpResponse<String> scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.body().contains("jvm_memory_used_bytes"), "Prometheus text expected");
    }

    /** Sends raw bytes (what a client library would not send) and reads the answer until the server closes. */
    private static String raw(String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (SocketTimeoutException e) {
                // answered without closing: what was read is the answer
            }
            return answer.toString();
        }
    }
}
