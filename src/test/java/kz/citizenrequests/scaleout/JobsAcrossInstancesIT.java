package kz.citizenrequests.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three instances of the packaged service, each with its own connection pool, on one
 * PostgreSQL, with the deadline watch and the notification relay ticking twice a second on all
 * of them: every warning, escalation, automatic close and e-mail happens exactly once, counted
 * in the database and in a real SMTP server. The instances keep ticking until each has run
 * both jobs at least {@value #TICKS} times after the work was done (a minute), so that a
 * second runner had every chance to do something twice.
 * <p>
 * The same three instances show what else must hold when requests of one client land on
 * different instances (as behind haproxy, docker/haproxy/haproxy.cfg): concurrent acts on one
 * version, tracking numbers, idempotent retries and the daily caps are decided by the database,
 * not by an instance. The instances trust X-Forwarded-For from 127.0.0.1 only (the tests play
 * the balancer from there), so every submission of these tests names its own client address
 * unless a test wants a shared one.
 */
class JobsAcrossInstancesIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** Runs of each job on each instance after the work is done: a minute at two ticks a second. */
    private static final int TICKS = 120;
    private static final int EACH = 6;
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String WATCH_RUNS = "citizen_requests_deadline_watch_runs_total";
    private static final String RELAY_RUNS = "citizen_requests_notification_relay_runs_total";
    /** The daily caps of the instances: small, so that the tests reach them; every other submission is its own client. */
    private static final String PROBLEM = "urn:citizen-requests:problem:";
    private static final int ADDRESS_CAP = 20;
    private static final int CITIZEN_CAP = 20;
    /** Clients in flight at once in the concurrent tests: two per instance. */
    private static final int CLIENTS = 6;
    private static final AtomicInteger clients = new AtomicInteger();
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static EmbeddedPostgres postgres;
    private static GreenMail smtp;
    private static final List<Process> instances = new ArrayList<>();
    private static final List<Integer> httpPorts = new ArrayList<>();
    private static final List<Integer> managementPorts = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startThreeInstances() throws IOException {
        assertTrue(Files.isRegularFile(APP), "package the application first");
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "60").start();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            int management = freePort();
            httpPorts.add(port);
            managementPorts.add(management);
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx160m", "-jar", APP.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "instance-" + i + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "6");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            env.put("CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET", "across-instances");
            // the API verifies the tests' tokens with the dev key; nobody signs in on the pages here
            env.put("QUARKUS_OIDC_PUBLIC_KEY", devPublicKey());
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", Tokens.ISSUER);
            // no provider to discover: with its URL set, quarkus-oidc would look for it before using the key
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "");
            env.put("QUARKUS_OIDC_DISCOVERY_ENABLED", "false");
            env.put("QUARKUS_OIDC_WORKBENCH_TENANT_ENABLED", "false");
            env.put("CITIZEN_REQUESTS_DEADLINE_WATCH_EVERY", "500ms");
            env.put("CITIZEN_REQUESTS_NOTIFICATIONS_RELAY_EVERY", "500ms");
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            env.put("CITIZEN_REQUESTS_RATE_LIMIT_PER_ADDRESS_PER_DAY", Integer.toString(ADDRESS_CAP));
            env.put("CITIZEN_REQUESTS_RATE_LIMIT_PER_CITIZEN_PER_DAY", Integer.toString(CITIZEN_CAP));
            // as behind haproxy: the client address is X-Forwarded-For on connections from 127.0.0.1
            // (application.properties' trusted proxy), the connection's own address from anywhere else
            env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
            env.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
            instances.add(builder.start());
            // the first instance migrates the schema alone; the others start on it
            awaitReady(i);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        instances.forEach(Process::destroy);
        for (Process instance : instances) {
            try {
                instance.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyWarningEscalationCloseAndMailHappensOnceWithThreeInstancesTicking() throws jakarta.mail.MessagingException {
        // the packaged application has no dev sign-in page (dev profile only)
        on(0).get("/workbench/dev-sign-in").then().statusCode(404);
        List<String> overdue = new ArrayList<>();
        List<String> dueSoon = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            overdue.add(submit(i));
            dueSoon.add(submit(i + 1));
            String quiet = submit(i + 2);
            for (Map<String, Object> act : List.of(Map.<String, Object>of("action", "register"), Map.<String, Object>of("action", "start_work"),
                    Map.<String, Object>of("action", "resolve", "outcome", "explained", "answer", "Explained."))) {
                act(i, quiet, act);
            }
            unanswered.add(quiet);
        }
        sql("UPDATE requests SET statutory_due_date = current_date - 2, due_date = current_date - 2, "
                + "received_at = received_at - interval '3 days' WHERE tracking_number IN " + in(overdue));
        sql("UPDATE requests SET statutory_due_date = current_date + 1, due_date = current_date + 1 WHERE tracking_number IN " + in(dueSoon));
        sql("UPDATE requests SET resolved_at = resolved_at - interval '40 days' WHERE tracking_number IN " + in(unanswered));

        Map<Integer, long[]> before = new java.util.HashMap<>();
        await("every request acted on", () -> count("SELECT count(*) FROM request_history h JOIN requests r ON r.id = h.request_id "
                + "WHERE h.action = 'escalate' AND r.tracking_number IN " + in(overdue)) == EACH
                && count("SELECT count(*) FROM staff_notices WHERE kind = 'due_soon' AND tracking_number IN " + in(dueSoon)) == EACH
                && count("SELECT count(*) FROM request_history h JOIN requests r ON r.id = h.request_id "
                + "WHERE h.action = 'close' AND r.tracking_number IN " + in(unanswered)) == EACH
                && count("SELECT count(*) FROM notification_outbox WHERE status <> 'sent'") == 0);
        for (int i = 0; i < 3; i++) {
            before.put(i, new long[]{runs(i, WATCH_RUNS), runs(i, RELAY_RUNS)});
        }
        await(TICKS + " more runs of both jobs on every instance", () -> {
            for (int i = 0; i < 3; i++) {
                if (runs(i, WATCH_RUNS) < before.get(i)[0] + TICKS || runs(i, RELAY_RUNS) < before.get(i)[1] + TICKS) {
                    return false;
                }
            }
            return true;
        });

        // exactly once, in the database
        assertEquals(EACH, count("SELECT count(*) FROM request_history h JOIN requests r ON r.id = h.request_id "
                + "WHERE h.action = 'escalate' AND r.tracking_number IN " + in(overdue)));
        assertEquals(EACH * 2L, count("SELECT count(*) FROM staff_notices WHERE kind = 'escalated' AND tracking_number IN " + in(overdue)),
                "the district branch's head and the regional branch, once each");
        assertEquals(EACH, count("SELECT count(*) FROM staff_notices WHERE kind = 'due_soon' AND tracking_number IN " + in(dueSoon)));
        assertEquals(EACH, count("SELECT count(*) FROM request_history h JOIN requests r ON r.id = h.request_id "
                + "WHERE h.action = 'close' AND r.tracking_number IN " + in(unanswered)));
        // and in the SMTP server: one message per outbox row, no Message-ID twice
        long sentRows = count("SELECT count(*) FROM notification_outbox WHERE channel = 'email' AND status = 'sent'");
        MimeMessage[] received = smtp.getReceivedMessages();
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : received) {
            assertTrue(ids.add(message.getMessageID()), "sent twice: " + message.getMessageID());
        }
        assertEquals(sentRows, received.length);
        assertTrue(received.length >= EACH * 3 * 2, "receipts and closes at least: " + received.length);
    }

    /**
     * Every instance folds the report deltas every second; the database lets one fold at a time
     * and folds each delta once. Were a delta folded twice, the day's rollup would count more
     * than the requests table holds once the deltas are gone.
     */
    @Test
    void reportDeltasAreFoldedOnceWhileThreeInstancesFold() {
        for (int i = 0; i < 9; i++) {
            submit(i % 3);
        }
        await("every report delta folded", () -> count("SELECT count(*) FROM report_delta") == 0);
        long stored = count("SELECT count(*) FROM requests WHERE (received_at AT TIME ZONE 'Asia/Almaty')::date"
                + " = (now() AT TIME ZONE 'Asia/Almaty')::date");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Almaty")).toString();
        for (int instance = 0; instance < 3; instance++) {
            long reported = ((Number) on(instance).auth().oauth2(Tokens.leadership(null))
                    .queryParam("from", today).queryParam("to", today).get("/api/v1/reports/summary")
                    .then().statusCode(200).extract().path("received")).longValue();
            assertEquals(stored, reported, "instance " + instance + ": the day's figure equals the requests stored");
        }
        assertTrue(count("SELECT count(*) FROM report_daily") > 0, "the figures came from the rollups");
    }

    @Test
    void concurrentActsOnOneVersionThroughThreeInstancesSucceedOnce() {
        String number = submit(0);
        String token = Tokens.head("AST-D01");
        int version = on(1).auth().oauth2(token).get("/api/v1/requests/{n}", number).then().statusCode(200)
                .extract().path("version");

        // six staff members' screens, two behind each instance, comment on the version they read
        List<Answer> answers = race(CLIENTS, i -> send(i % 3, "POST", "/api/v1/requests/" + number + "/transitions",
                Map.of("action", "comment", "note", "Seen by desk " + i),
                Map.of("Authorization", "Bearer " + token, "If-Match", "\"" + version + "\"")));

        assertEquals(1, answers.stream().filter(a -> a.status() == 200).count(), "exactly one act wins: " + answers);
        for (Answer answer : answers) {
            if (answer.status() != 200) {
                assertEquals(412, answer.status(), answer.toString());
                assertTrue(answer.contentType().startsWith("application/problem+json"), answer.toString());
                assertEquals(PROBLEM + "stale-version", answer.body().path("type").asText(), answer.toString());
            }
        }
        assertEquals(1, count("SELECT count(*) FROM request_history h JOIN requests r ON r.id = h.request_id "
                + "WHERE h.action = 'comment' AND r.tracking_number = '" + number + "'"), "one history row per success");
        on(2).auth().oauth2(token).get("/api/v1/requests/{n}", number).then().statusCode(200)
                .header("ETag", "\"" + (version + 1) + "\"");
    }

    @Test
    void concurrentSubmissionsThroughThreeInstancesGetDistinctTrackingNumbers() {
        String run = UUID.randomUUID().toString();
        List<Answer> answers = race(CLIENTS, 45, i -> send(i % 3, "POST", "/api/v1/requests",
                body(run + " " + i, uniqueEmail()), Map.of("X-Forwarded-For", uniqueAddress())));

        Set<String> numbers = new HashSet<>();
        for (Answer answer : answers) {
            assertEquals(201, answer.status(), answer.toString());
            assertTrue(numbers.add(answer.body().path("trackingNumber").asText()), "given twice: " + answer);
        }
        assertEquals(45, numbers.size());
        assertEquals(45, count("SELECT count(DISTINCT tracking_number) FROM requests WHERE tracking_number IN " + in(List.copyOf(numbers))
                + " AND subject LIKE 'Across instances " + run + " %'"));
    }

    @Test
    void idempotentRetriesOnOtherInstancesAnswerTheSameReceiptAndStoreOneRequest() {
        String run = UUID.randomUUID().toString();
        String key = "across-" + run;
        Map<String, Object> body = body(run, uniqueEmail());
        String address = uniqueAddress();
        Map<String, String> headers = Map.of("Idempotency-Key", key, "X-Forwarded-For", address);

        // a client that timed out and retried while the first attempt was still running, twice on each instance
        List<Answer> answers = race(6, i -> send(i % 3, "POST", "/api/v1/requests", body, headers));
        // and a retry long after, on yet another instance
        Answer later = send(2, "POST", "/api/v1/requests", body, headers);

        String number = answers.get(0).body().path("trackingNumber").asText();
        String accessCode = answers.get(0).body().path("accessCode").asText();
        List<Answer> all = new ArrayList<>(answers);
        all.add(later);
        for (Answer answer : all) {
            assertEquals(201, answer.status(), answer.toString());
            assertEquals(number, answer.body().path("trackingNumber").asText(), answer.toString());
            assertEquals(accessCode, answer.body().path("accessCode").asText(), answer.toString());
        }
        assertEquals(1, answers.stream().filter(a -> a.replayed() == null).count(), "one original, the rest replays: " + answers);
        assertEquals("true", later.replayed());
        assertEquals(1, count("SELECT count(*) FROM requests WHERE subject = 'Across instances " + run + "'"));
        assertEquals(1, count("SELECT count(*) FROM request_history h JOIN requests r ON r.id = h.request_id "
                + "WHERE h.action = 'submit' AND r.tracking_number = '" + number + "'"));

        // the same key with another body is refused on any instance
        Answer reused = send(1, "POST", "/api/v1/requests", body(run + " changed", uniqueEmail()), headers);
        assertEquals(422, reused.status(), reused.toString());
        assertEquals(PROBLEM + "idempotency-key-reused", reused.body().path("type").asText(), reused.toString());
    }

    @Test
    void dailyCapsAreExactAcrossInstances() {
        String run = UUID.randomUUID().toString();
        String address = uniqueAddress();
        String email = uniqueEmail();

        // one client address, many citizens, through all three instances at once
        List<Answer> byAddress = race(CLIENTS, 36, i -> send(i % 3, "POST", "/api/v1/requests",
                body(run + " address " + i, uniqueEmail()), Map.of("X-Forwarded-For", address)));
        // one citizen, many client addresses
        List<Answer> byCitizen = race(CLIENTS, 36, i -> send(i % 3, "POST", "/api/v1/requests",
                body(run + " citizen " + i, email), Map.of("X-Forwarded-For", uniqueAddress())));

        assertCapped(ADDRESS_CAP, byAddress);
        assertCapped(CITIZEN_CAP, byCitizen);
        assertEquals(ADDRESS_CAP, count("SELECT count(*) FROM requests WHERE subject LIKE 'Across instances " + run + " address %'"));
        assertEquals(CITIZEN_CAP, count("SELECT count(*) FROM requests WHERE subject LIKE 'Across instances " + run + " citizen %'"));
    }

    @Test
    void forwardedAddressCountsOnlyFromTheTrustedProxy() throws IOException {
        String run = UUID.randomUUID().toString();
        // from the proxy's address (127.0.0.1): each forwarded address has its own counter
        List<Integer> viaProxy = new ArrayList<>();
        for (int i = 0; i < ADDRESS_CAP + 5; i++) {
            viaProxy.add(send(i % 3, "POST", "/api/v1/requests", body(run + " proxied " + i, uniqueEmail()),
                    Map.of("X-Forwarded-For", uniqueAddress())).status());
        }
        assertEquals(List.of(201), viaProxy.stream().distinct().toList(), "every forwarded address counted apart");

        // a client reaching the instances directly from 127.0.0.2 names a new address each time: ignored,
        // all its submissions count on 127.0.0.2
        List<Integer> direct = new ArrayList<>();
        for (int i = 0; i < ADDRESS_CAP + 5; i++) {
            direct.add(postFrom("127.0.0.2", i % 3, json.writeValueAsString(body(run + " direct " + i, uniqueEmail())),
                    uniqueAddress()));
        }
        assertEquals(ADDRESS_CAP, direct.stream().filter(status -> status == 201).count(), direct.toString());
        assertEquals(5, direct.stream().filter(status -> status == 429).count(), direct.toString());
    }

    private static void assertCapped(int cap, List<Answer> answers) {
        assertEquals(cap, answers.stream().filter(a -> a.status() == 201).count(), answers.toString());
        for (Answer answer : answers) {
            if (answer.status() != 201) {
                assertEquals(429, answer.status(), answer.toString());
                assertEquals(PROBLEM + "too-many-submissions", answer.body().path("type").asText(), answer.toString());
                assertTrue(answer.retryAfter() != null && Long.parseLong(answer.retryAfter()) > 0, answer.toString());
            }
        }
    }

    /** A submission to Astana's district KZ-71-01 (branch AST-D01) from its own citizen and client address. */
    private static String submit(int instance) {
        Map<String, Object> body = TestData.with(TestData.withCitizen(TestData.withCitizen(TestData.withCitizen(TestData.submission(),
                "phone", null), "iin", null), "email", uniqueEmail()), "district", "KZ-71-01");
        return on(instance).contentType(ContentType.JSON).header("X-Forwarded-For", uniqueAddress()).body(body).post("/api/v1/requests")
                .then().log().ifValidationFails().statusCode(201).extract().path("trackingNumber");
    }

    /** A submission whose subject marks it as this test's; the citizen is known by the e-mail only. */
    private static Map<String, Object> body(String subject, String email) {
        return TestData.with(TestData.withCitizen(TestData.withCitizen(TestData.withCitizen(TestData.submission(),
                "phone", null), "iin", null), "email", email), "subject", "Across instances " + subject);
    }

    private static String uniqueEmail() {
        return "across-" + clients.incrementAndGet() + "-" + UUID.randomUUID() + "@example.kz";
    }

    /** A documentation address (198.18.0.0/15, benchmarking) of its own. */
    private static String uniqueAddress() {
        int n = clients.incrementAndGet();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    private record Answer(int instance, int status, String contentType, JsonNode body, String replayed, String retryAfter) {
    }

    private static Answer send(int instance, String method, String path, Map<String, Object> body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(instance) + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            headers.forEach(request::header);
            HttpResponse<String> response = api.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(instance, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()),
                    response.headers().firstValue("Idempotent-Replayed").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the calls at once, each on its own thread released by one gate; answers in call order. */
    private static <T> List<T> race(int calls, IntFunction<T> call) {
        return race(calls, calls, call);
    }

    /**
     * Runs the calls on {@code clients} threads released by one gate, so that at most that many
     * are in flight at once (two per instance stay within a pool of six connections next to the
     * jobs, where more would wait for a connection and be answered 503); answers in call order.
     */
    private static <T> List<T> race(int clients, int calls, IntFunction<T> call) {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                futures.add(threads.submit(() -> {
                    gate.await();
                    return call.apply(n);
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * POSTs a submission over a connection from {@code source} (a loopback address that is not the
     * trusted proxy) with the given X-Forwarded-For; answers the status.
     */
    private static int postFrom(String source, int instance, String body, String forwardedFor) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", httpPorts.get(instance)), 5000);
            socket.setSoTimeout(30000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Forwarded-For: " + forwardedFor + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(statusLine != null && statusLine.startsWith("HTTP/1.1 "), "status line: " + statusLine);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static void act(int instance, String number, Map<String, Object> command) {
        String token = Tokens.head("AST-D01");
        int version = on(instance).auth().oauth2(token).get("/api/v1/requests/{n}", number).then().statusCode(200)
                .extract().path("version");
        on(instance).auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(command).post("/api/v1/requests/{n}/transitions", number).then().statusCode(200);
    }

    private static RequestSpecification on(int instance) {
        return given().baseUri("http://127.0.0.1").port(httpPorts.get(instance % 3));
    }

    private static long runs(int instance, String counter) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPorts.get(instance)
                    + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher value = Pattern.compile("(?m)^" + counter + "(?:\\{[^}]*})? ([0-9.E]+)$").matcher(metrics);
            return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of keys/dev-public.pem, as quarkus.oidc.public-key takes it. */
    private static String devPublicKey() throws IOException {
        return Files.readAllLines(Path.of("src/main/resources/keys/dev-public.pem")).stream()
                .filter(line -> !line.startsWith("-----")).collect(java.util.stream.Collectors.joining());
    }

    private static void awaitReady(int instance) {
        await("instance " + instance + " ready", () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPorts.get(instance)
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Waits for a condition the instances bring about, up to a deadline, failing at once if one of them stops. */
    private static void await(String what, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (Process instance : instances) {
                if (!instance.isAlive()) {
                    fail("an instance stopped while waiting for: " + what + " (see target/instance-*.log)");
                }
            }
            return condition.getAsBoolean();
        });
    }

    private static long count(String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String statement) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String in(List<String> numbers) {
        return "('" + String.join("','", numbers) + "')";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
