package kz.citizenrequests.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Without a reporting datasource (no {@code quarkus.datasource.reporting.jdbc.url}), reports
 * read the primary: the figure of today is the primary's, and a submission shows at once.
 * Its counterpart with a reporting datasource is {@link ReportsOnTheReportingDatabaseTest}.
 */
@QuarkusTest
class ReportsOnThePrimaryTest {

    private static final String LEADER = Tokens.leadership(null);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Almaty"));

    @Inject
    AgroalDataSource primary;

    @Inject
    ReportingDatabase reporting;

    @Test
    void withoutAReportingDatasourceReportsReadThePrimary() throws SQLException {
        assertFalse(reporting.separate());
        try (Connection connection = reporting.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_user, pg_is_in_recovery(), inet_server_port()")) {
            row.next();
            try (Connection onPrimary = primary.getConnection(); Statement primaryStatement = onPrimary.createStatement();
                 ResultSet primaryRow = primaryStatement.executeQuery("SELECT current_user, inet_server_port()")) {
                primaryRow.next();
                assertEquals(primaryRow.getString(1), row.getString(1));
                assertEquals(primaryRow.getInt(2), row.getInt(3));
            }
            assertFalse(row.getBoolean(2));
        }

        TestData.submit(TestData.submission());
        long onThePrimary = receivedToday();
        int reported = given().auth().oauth2(LEADER).queryParams(Map.of("from", TODAY.toString(), "to", TODAY.toString()))
                .get("/api/v1/reports/summary").then().statusCode(200).extract().path("received");
        assertEquals(onThePrimary, reported);
    }

    private long receivedToday() throws SQLException {
        try (Connection connection = primary.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(sum(received), 0) FROM report_daily_now"
                     + " WHERE grouping_set = 0 AND received_on = '" + TODAY + "'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
