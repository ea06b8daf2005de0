package kz.citizenrequests.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the reporting datasource configured, the reports read it and nothing else does. It
 * stands for a replica: the same embedded PostgreSQL, signed in as a role of its own whose
 * search path puts a schema of different figures in front of the report views, so a figure
 * that comes from it cannot be mistaken for one from the primary. Folding and intake stay on
 * the primary; when the reporting database refuses connections, reports answer 503 with
 * Retry-After while intake, the home page (its last figures) and readiness are unaffected.
 */
@QuarkusTest
@TestProfile(ReportsOnTheReportingDatabaseTest.ReportingDatabaseConfigured.class)
class ReportsOnTheReportingDatabaseTest {

    /** The embedded server's URL names user postgres; the later user parameter wins in pgjdbc. */
    public static class ReportingDatabaseConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reporting.jdbc.url", "${quarkus.datasource.jdbc.url}&user=" + ROLE);
        }
    }

    static final String ROLE = "reporting_reader";
    static final String SCHEMA = "reporting_double";
    /** The number of requests the stand-in replica reports for today: no test submits this many. */
    static final int ON_THE_REPLICA = 424_242;

    private static final String LEADER = Tokens.leadership(null);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Almaty"));

    @Inject
    AgroalDataSource primary;

    @Inject
    ReportingDatabase reporting;

    @Inject
    RollupFolding folding;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @BeforeEach
    void standInReplica() throws SQLException {
        execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s LOGIN; END IF;
                END $$;
                ALTER ROLE %1$s CONNECTION LIMIT -1;
                ALTER ROLE %1$s SET search_path = %2$s, public;
                CREATE SCHEMA IF NOT EXISTS %2$s;
                DROP TABLE IF EXISTS %2$s.report_daily_now, %2$s.report_open_due_now, %2$s.report_decision_days_now;
                CREATE TABLE %2$s.report_daily_now (LIKE public.report_daily_now);
                CREATE TABLE %2$s.report_open_due_now (LIKE public.report_open_due_now);
                CREATE TABLE %2$s.report_decision_days_now (LIKE public.report_decision_days_now);
                INSERT INTO %2$s.report_daily_now (grouping_set, received_on, region_code, branch_code, category_code,
                    type, channel, received, submitted) VALUES (0, '%3$s', '', '', '', '', '', %4$d, %4$d);
                GRANT USAGE ON SCHEMA %2$s TO %1$s;
                GRANT SELECT ON ALL TABLES IN SCHEMA %2$s TO %1$s;
                """.formatted(ROLE, SCHEMA, TODAY, ON_THE_REPLICA));
    }

    @AfterEach
    void replicaBackUp() throws SQLException {
        execute("ALTER ROLE " + ROLE + " CONNECTION LIMIT -1");
    }

    @Test
    void reportsReadTheReportingDatabaseAndNotThePrimary() throws SQLException {
        TestData.submit(TestData.submission());
        assertTrue(reporting.separate());
        assertNotEquals(ON_THE_REPLICA, primaryReceivedToday(), "the primary holds other figures");

        Map<String, String> today = Map.of("from", TODAY.toString(), "to", TODAY.toString());
        given().auth().oauth2(LEADER).queryParams(today).get("/api/v1/reports/summary").then()
                .statusCode(200).body("received", equalTo(ON_THE_REPLICA));
        given().auth().oauth2(LEADER).queryParams(Map.of("from", TODAY.toString(), "to", TODAY.toString(),
                        "interval", "day")).get("/api/v1/reports/timeseries").then()
                .statusCode(200).body("buckets[0].received", equalTo(ON_THE_REPLICA));
        given().auth().oauth2(LEADER).queryParams(Map.of("from", TODAY.toString(), "to", TODAY.toString(),
                        "by", "status")).get("/api/v1/reports/breakdown").then()
                .statusCode(200).body("rows.find { it.key == 'SUBMITTED' }.received", equalTo(ON_THE_REPLICA));
    }

    @Test
    void theReportingConnectionCannotWrite() throws SQLException {
        try (Connection connection = reporting.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT current_user, current_setting('transaction_read_only')")) {
                row.next();
                assertEquals(ROLE, row.getString(1));
                assertEquals("on", row.getString(2));
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("CREATE TEMPORARY TABLE written (n integer)"));
            assertEquals("25006", refused.getSQLState(), refused.getMessage());
        }
    }

    @Test
    void foldingStaysOnThePrimary() throws SQLException {
        TestData.submit(TestData.submission());
        assertTrue(folding.fold(true) > 0, "the deltas of the submission were folded on the primary");
    }

    @Test
    void aReportingDatabaseThatRefusesConnectionsFailsTheReportsOnly() throws Exception {
        given().get("/").then().statusCode(200);
        execute("ALTER ROLE " + ROLE + " CONNECTION LIMIT 0;"
                + "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(LEADER).get("/api/v1/reports/summary").then()
                    .statusCode(503)
                    .header("Retry-After", notNullValue())
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:citizen-requests:problem:unavailable"));
        }
        TestData.submit(TestData.submission());
        given().get("/").then().statusCode(200);
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"));

        execute("ALTER ROLE " + ROLE + " CONNECTION LIMIT -1");
        given().auth().oauth2(LEADER).get("/api/v1/reports/summary").then().statusCode(200);
    }

    private long primaryReceivedToday() throws SQLException {
        try (Connection connection = primary.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(sum(received), 0) FROM public.report_daily_now"
                     + " WHERE grouping_set = 0 AND received_on = '" + TODAY + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = primary.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
