package kz.citizenrequests.shared;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever a client sends, the answer is a 4xx problem document, never a 500, and nothing is stored. */
@QuarkusTest
class HostileInputTest {

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "null",
            "42",
            "\"text\"",
            "{",
            "{\"type\":\"application\",\"type\":\"complaint\"}",
            "{\"type\":\"application\"} trailing",
            "{\"subject\":\"a\\u0000b\"}",
            "{\"location\":{\"latitude\":1e400,\"longitude\":2}}",
            "{\"location\":[51,71]}",
            "{\"citizen\":{\"fullName\":{\"first\":\"A\"}}}",
            "{\"type\":null,\"citizen\":null}",
            "{\"publicationConsent\":1}",
            "{\"channel\":7}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    })
    void aHostileSubmissionIsAProblemAndStoresNothing(String body) {
        TestData.Counts before = TestData.counts(dataSource);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/requests")
                .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));
        assertEquals(before, TestData.counts(dataSource));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "x'; DROP TABLE requests; --", "AST-2026-0000000000000000001", "ast-2026-000001", "%E2%80%AE"})
    void aStrangeTrackingNumberIsNotFound(String trackingNumber) {
        given().auth().oauth2(kz.citizenrequests.Tokens.head("AST-RB")).urlEncodingEnabled(false).get("/api/v1/requests/" + trackingNumber.replace(" ", "%20"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%00", "branch=%27%3B", "region=KZ-71%00", "page=1e3", "size=0", "size=-5", "overdue=1"})
    void aStrangeQueueParameterIsABadRequest(String query) {
        given().auth().oauth2(kz.citizenrequests.Tokens.operator("AST-RB")).urlEncodingEnabled(false).get("/api/v1/requests?" + query)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
