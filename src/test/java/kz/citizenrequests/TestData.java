package kz.citizenrequests;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Submissions, acts and database counts shared by the REST tests. */
public final class TestData {

    public static final String VALID_IIN = "900101300126";

    private TestData() {
    }

    /** A valid submission body for Astana, housing and utilities; change what a test needs. */
    public static Map<String, Object> submission() {
        Map<String, Object> citizen = new LinkedHashMap<>();
        citizen.put("fullName", "Aigerim Sarsenova");
        citizen.put("iin", VALID_IIN);
        citizen.put("phone", "+7 701 234 5678");
        citizen.put("email", "aigerim@example.kz");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "application");
        body.put("category", "housing_utilities");
        body.put("region", "KZ-71");
        body.put("subject", "No hot water in the building since Monday");
        body.put("description", "The whole entrance 3 of house 12 has had no hot water for five days.");
        body.put("address", "Kabanbay Batyr 12, Astana");
        body.put("location", new LinkedHashMap<>(Map.of("latitude", 51.128, "longitude", 71.430)));
        body.put("language", "ru");
        body.put("citizen", citizen);
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> withCitizen(Map<String, Object> body, String key, Object value) {
        Map<String, Object> citizen = new HashMap<>((Map<String, Object>) body.get("citizen"));
        if (value == null) {
            citizen.remove(key);
        } else {
            citizen.put(key, value);
        }
        return with(body, "citizen", citizen);
    }

    public static ExtractableResponse<Response> submit(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/requests")
                .then().statusCode(201)
                .extract();
    }

    /** Submits a valid request and answers its tracking number. */
    public static String submitted() {
        return submit(submission()).path("trackingNumber");
    }

    /** The branch a request is with now, read from the database (no token needed). */
    public static String branchOf(String trackingNumber) {
        DataSource dataSource = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get();
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT branch_code FROM requests WHERE tracking_number = ?")) {
            statement.setString(1, trackingNumber);
            ResultSet rows = statement.executeQuery();
            if (!rows.next()) {
                throw new IllegalStateException("no request " + trackingNumber);
            }
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request specification carrying the token of the head of the branch the request is with. */
    public static RequestSpecification asHead(String trackingNumber) {
        return given().auth().oauth2(Tokens.head(branchOf(trackingNumber)));
    }

    public static int version(String trackingNumber) {
        return asHead(trackingNumber).get("/api/v1/requests/{tn}", trackingNumber).then().statusCode(200)
                .extract().path("version");
    }

    /** Ready to act on the request as the head of its branch, with its current version in If-Match. */
    public static RequestSpecification act(String trackingNumber) {
        int version = version(trackingNumber);
        return asHead(trackingNumber).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"");
    }

    /** Performs an act that must succeed. */
    public static void perform(String trackingNumber, Map<String, Object> command) {
        act(trackingNumber).body(command)
                .post("/api/v1/requests/{tn}/transitions", trackingNumber)
                .then().statusCode(200).body("trackingNumber", equalTo(trackingNumber));
    }

    /** Row counts of what a submission or an act writes. */
    public record Counts(long requests, long history, long idempotencyKeys) {
    }

    public static Counts counts(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM requests), "
                     + "(SELECT count(*) FROM request_history), (SELECT count(*) FROM idempotency_keys)")) {
            rows.next();
            return new Counts(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs SQL behind the service's back. Reference data changed this way would reach the
     * service's copies within the stamp's check period; the test wants it at once.
     */
    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        io.quarkus.arc.Arc.container().instance(kz.citizenrequests.shared.ReferenceStamp.class).get().changedHere();
    }

    /**
     * Until a statement of the service that starts with {@code queryStart} waits on a lock a
     * test's own open transaction holds (at most a minute): the moment to commit that
     * transaction, for a race the test plays out deterministically.
     */
    public static void awaitLockWait(DataSource dataSource, String queryStart) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        try (Connection connection = dataSource.getConnection();
             var waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE wait_event_type = 'Lock' AND query LIKE ? || '%'")) {
            waiting.setString(1, queryStart);
            while (true) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no statement starting with \"" + queryStart + "\" waited on a lock");
                }
                Thread.onSpinWait();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
