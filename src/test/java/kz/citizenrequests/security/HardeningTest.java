package kz.citizenrequests.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class HardeningTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void apiQueriesRunUnderAStatementTimeout() throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW statement_timeout")) {
            rows.next();
            assertEquals("10s", rows.getString(1));
        }
    }

    @Test
    void aConfiguredOriginMayCallTheApiFromABrowser() {
        // the test profile configures https://dashboard.example
        given().header("Origin", "https://dashboard.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/regions")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.equalTo("https://dashboard.example"));
    }

    @Test
    void anOriginNotConfiguredGetsNoCorsPermission() {
        given().header("Origin", "https://evil.example").get("/api/v1/regions")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/requests")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
