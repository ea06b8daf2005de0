package kz.citizenrequests.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * A citizen account is the token's issuer and {@code sub}: never {@code upn} or
 * {@code preferred_username}, which an identity provider may let the user change, and
 * which smallrye-jwt prefers for the principal name.
 */
@QuarkusTest
class CitizenAccountTest {

    private final String owner = "citizen-" + UUID.randomUUID();
    private final String other = "citizen-" + UUID.randomUUID();

    @Test
    void anotherSubjectClaimingTheOwnersPreferredUsernameSeesNothing() {
        String tn = submittedBy(Tokens.citizen(owner));
        String impostor = Tokens.claims("citizen", other).claim("preferred_username", owner).sign(Tokens.PRIVATE_KEY);
        refused(tn, impostor);
    }

    @Test
    void anotherSubjectClaimingTheOwnersUpnSeesNothing() {
        String tn = submittedBy(Tokens.citizen(owner));
        String impostor = Tokens.claims("citizen", other).upn(owner).sign(Tokens.PRIVATE_KEY);
        refused(tn, impostor);
    }

    @Test
    void theOwnerIsKnownBySubjectWhateverTheirDisplayedNames() {
        String tn = submittedBy(Tokens.claims("citizen", owner).upn("first-name").claim("preferred_username", "nick")
                .sign(Tokens.PRIVATE_KEY));
        String renamed = Tokens.claims("citizen", owner).upn("renamed").claim("preferred_username", "another-nick")
                .sign(Tokens.PRIVATE_KEY);
        given().auth().oauth2(renamed).get("/api/v1/requests/{tn}", tn).then().statusCode(200)
                .body("trackingNumber", equalTo(tn));
        given().auth().oauth2(renamed).get("/api/v1/citizen/requests").then().statusCode(200)
                .body("trackingNumber", hasItem(tn));
    }

    @Test
    void aWithdrawalByTheCitizenAnswersTheCitizensViewWithoutStaffFields() {
        String citizen = Tokens.citizen(owner);
        String tn = submittedBy(citizen);
        TestData.perform(tn, Map.of("action", "register"));
        String etag = given().auth().oauth2(citizen).get("/api/v1/requests/{tn}", tn)
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(citizen).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("action", "withdraw")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200)
                .header("ETag", not(nullValue()))
                .body("status", equalTo("WITHDRAWN"))
                .body("history.action", hasItem("withdraw"))
                .body("citizen", nullValue())
                .body("assignee", nullValue())
                .body("version", nullValue())
                .body("description", nullValue());
    }

    private static void refused(String tn, String impostor) {
        given().auth().oauth2(impostor).get("/api/v1/requests/{tn}", tn).then().statusCode(404);
        given().auth().oauth2(impostor).get("/api/v1/requests/{tn}/history", tn).then().statusCode(404);
        given().auth().oauth2(impostor).get("/api/v1/citizen/requests").then().statusCode(200).body("$", empty());
        given().auth().oauth2(impostor).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("action", "withdraw")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(404);
    }

    private static String submittedBy(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(TestData.submission())
                .post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber");
    }
}
