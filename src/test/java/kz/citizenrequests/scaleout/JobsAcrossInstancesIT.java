package kz.citizenrequests.scaleout;

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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.function.BooleanSupplier;
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
 */
class JobsAcrossInstancesIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** Runs of each job on each instance after the work is done: a minute at two ticks a second. */
    private static final int TICKS = 120;
    private static final int EACH = 6;
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String WATCH_RUNS = "citizen_requests_deadline_watch_runs_total";
    private static final String RELAY_RUNS = "citizen_requests_notification_relay_runs_total";

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
            env.put("QUARKUS_OIDC_WORKBENCH_TENANT_ENABLED", "false");
            env.put("CITIZEN_REQUESTS_DEADLINE_WATCH_EVERY", "500ms");
            env.put("CITIZEN_REQUESTS_NOTIFICATIONS_RELAY_EVERY", "500ms");
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            env.put("CITIZEN_REQUESTS_RATE_LIMIT_PER_ADDRESS_PER_DAY", "100000");
            env.put("CITIZEN_REQUESTS_RATE_LIMIT_PER_CITIZEN_PER_DAY", "100000");
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
        sql("UPDATE requests SET statutory_due_date = current_date - 2, due_date = current_date - 2 WHERE tracking_number IN " + in(overdue));
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

    private static String submit(int instance) {
        Map<String, Object> body = TestData.with(TestData.withCitizen(TestData.withCitizen(TestData.submission(),
                "phone", null), "iin", null), "district", "KZ-71-01");
        return on(instance).contentType(ContentType.JSON).body(body).post("/api/v1/requests")
                .then().log().ifValidationFails().statusCode(201).extract().path("trackingNumber");
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
