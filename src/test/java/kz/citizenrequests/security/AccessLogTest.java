package kz.citizenrequests.security;

import io.quarkus.test.junit.QuarkusTest;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/** Each opening of personal data by staff is recorded; administrators read the record. */
@QuarkusTest
class AccessLogTest {

    @Test
    void everyOpeningOfARequestByStaffIsRecordedForAdministrators() {
        String tn = TestData.submitted();
        String admin = Tokens.admin();
        given().auth().oauth2(admin).queryParam("trackingNumber", tn).get("/api/v1/admin/access-log")
                .then().statusCode(200).body("$", empty());

        given().auth().oauth2(Tokens.operator("AST-RB")).get("/api/v1/requests/{tn}", tn).then().statusCode(200);
        given().auth().oauth2(Tokens.head("AST-RB")).get("/api/v1/requests/{tn}", tn).then().statusCode(200);
        // the queue shows masked data only and is not an opening; neither is a refused attempt
        given().auth().oauth2(Tokens.operator("AST-RB")).get("/api/v1/requests").then().statusCode(200);
        given().auth().oauth2(Tokens.operator("ALA-RB")).get("/api/v1/requests/{tn}", tn).then().statusCode(404);

        given().auth().oauth2(admin).queryParam("trackingNumber", tn).get("/api/v1/admin/access-log")
                .then().statusCode(200)
                .body("$", hasSize(2))
                .body("actor", contains("branch_head:head-AST-RB", "operator:operator-AST-RB"))
                .body("role", contains("branch_head", "operator"))
                .body("[0].branch", equalTo("AST-RB"))
                .body("[0].trackingNumber", equalTo(tn));
        given().auth().oauth2(admin).queryParam("actor", "operator:operator-AST-RB").queryParam("size", 1)
                .get("/api/v1/admin/access-log").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void everyActAnsweredWithPersonalDataIsRecordedToo() {
        String tn = TestData.submitted();
        String admin = Tokens.admin();
        String operator = Tokens.operator("AST-RB");
        String etag = given().auth().oauth2(operator).get("/api/v1/requests/{tn}", tn).then().statusCode(200)
                .extract().header("ETag");
        for (Map<String, Object> act : List.<Map<String, Object>>of(Map.of("action", "register"),
                Map.of("action", "start_work"), Map.of("action", "comment", "note", "Called the housing office."))) {
            etag = given().auth().oauth2(operator).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(act).post("/api/v1/requests/{tn}/transitions", tn)
                    .then().statusCode(200).body("citizen.iin", equalTo(TestData.VALID_IIN)).extract().header("ETag");
        }
        // one opening by GET and one by each of the three acts
        given().auth().oauth2(admin).queryParam("trackingNumber", tn).get("/api/v1/admin/access-log")
                .then().statusCode(200)
                .body("$", hasSize(4))
                .body("actor", everyItem(equalTo("operator:operator-AST-RB")));
    }

    @Test
    void anActAnsweredMinimallyDisclosesNothingAndIsNotRecorded() {
        String tn = TestData.submitted();
        String operator = Tokens.operator("AST-RB");
        String etag = "\"0\"";
        for (Map<String, Object> act : List.<Map<String, Object>>of(Map.of("action", "register"),
                Map.of("action", "start_work"), Map.of("action", "comment", "note", "Called the housing office."))) {
            String answered = given().auth().oauth2(operator).contentType(ContentType.JSON).header("If-Match", etag)
                    .header("Prefer", "handling=strict, RETURN = minimal").body(act).post("/api/v1/requests/{tn}/transitions", tn)
                    .then().statusCode(204).header("Preference-Applied", "return=minimal").body(equalTo(""))
                    .extract().header("ETag");
            assertEquals(Integer.parseInt(etag.replace("\"", "")) + 1, Integer.parseInt(answered.replace("\"", "")));
            etag = answered;
        }
        given().auth().oauth2(Tokens.admin()).queryParam("trackingNumber", tn).get("/api/v1/admin/access-log")
                .then().statusCode(200).body("$", empty());
        // the acts were done, each with its history row, and the last ETag is the one to act on next
        given().auth().oauth2(operator).get("/api/v1/requests/{tn}", tn).then().statusCode(200)
                .header("ETag", etag).body("status", equalTo("IN_PROGRESS"));
        given().auth().oauth2(operator).get("/api/v1/requests/{tn}/history", tn).then().statusCode(200)
                .body("action", contains("submit", "register", "start_work", "comment"));
        // a stale version is refused as without the preference, and nothing more is written
        given().auth().oauth2(operator).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .header("Prefer", "return=minimal").body(Map.of("action", "comment", "note", "Late."))
                .post("/api/v1/requests/{tn}/transitions", tn).then().statusCode(412);
        given().auth().oauth2(Tokens.admin()).queryParam("trackingNumber", tn).get("/api/v1/admin/access-log")
                .then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void onlyAdministratorsReadTheAccessLog() {
        given().auth().oauth2(Tokens.head("AST-RB")).get("/api/v1/admin/access-log").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/v1/admin/access-log").then().statusCode(401);
    }
}
