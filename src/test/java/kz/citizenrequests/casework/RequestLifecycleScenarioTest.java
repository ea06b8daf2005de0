package kz.citizenrequests.casework;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * One request's whole journey: a citizen of Almaty complains about broken traffic
 * lights, the head of the city branch registers it, sees that it belongs to a district
 * and forwards it, the district head assigns it, an operator works it and answers, and
 * the citizen reads the answer with the access code from the receipt.
 */
@QuarkusTest
class RequestLifecycleScenarioTest {

    @Test
    void submitRouteRegisterForwardResolveAndTheCitizenReadsTheAnswer() {
        // The citizen submits and receives a tracking number and an access code.
        Map<String, Object> citizen = new LinkedHashMap<>();
        citizen.put("fullName", "Dana Ermekova");
        citizen.put("phone", "+7 705 111 2233");
        Map<String, Object> submission = new LinkedHashMap<>();
        submission.put("type", "complaint");
        submission.put("category", "roads_transport");
        submission.put("region", "KZ-75");
        submission.put("subject", "Traffic lights broken at Abay and Baitursynov");
        submission.put("description", "The lights at the crossing have been dark for three days.");
        submission.put("language", "en");
        submission.put("citizen", citizen);
        var receipt = given().contentType(ContentType.JSON).body(submission)
                .post("/api/v1/requests").then().statusCode(201).extract();
        String tn = receipt.path("trackingNumber");
        String accessCode = receipt.path("accessCode");

        String cityHead = Tokens.head("ALA-RB");
        String districtHead = Tokens.head("ALA-D02");
        String districtOperator = Tokens.operator("ALA-D02");

        // No district was given, so routing sends it to the Almaty city branch.
        given().auth().oauth2(cityHead).get("/api/v1/requests/{tn}", tn).then()
                .body("branch.code", equalTo("ALA-RB"))
                .body("branch.name", equalTo("Almaty city branch"))
                .body("status", equalTo("SUBMITTED"));

        // The city branch registers it ...
        int version = act(cityHead, tn, 0, Map.of("action", "register", "note", "Registered by the Almaty city branch"));
        // ... and forwards it to the competent district branch within three working days.
        version = act(cityHead, tn, version, Map.of("action", "forward", "targetBranch", "ALA-D02",
                "note", "Forwarded to the Bostandyk district branch, which maintains this crossing"));
        given().auth().oauth2(districtHead).get("/api/v1/requests/{tn}", tn).then()
                .body("branch.code", equalTo("ALA-D02")).body("lateForward", equalTo(false));
        // Once forwarded, the city branch no longer sees it.
        given().auth().oauth2(cityHead).get("/api/v1/requests/{tn}", tn).then().statusCode(404);

        // The district head assigns it; the operator takes it into work and resolves it with an answer.
        version = act(districtHead, tn, version, Map.of("action", "assign", "assignee", "b.akhmetov", "note", "Check with the city roads office"));
        version = act(districtOperator, tn, version, Map.of("action", "start_work"));
        act(districtOperator, tn, version, Map.of("action", "resolve", "outcome", "satisfied",
                "answer", "The controller was replaced on 12 March; the lights work again."));

        // The citizen follows it with the access code and reads the answer; internal notes stay internal.
        given().header("X-Access-Code", accessCode).get("/api/v1/requests/{tn}", tn).then()
                .statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("outcome", equalTo("satisfied"))
                .body("answer", equalTo("The controller was replaced on 12 March; the lights work again."))
                .body("branch.code", equalTo("ALA-D02"))
                .body("history.action", contains("submit", "register", "forward", "start_work", "resolve"))
                .body("history.note", not(hasItem("Check with the city roads office")));

        // The staff history has every act, with both branches of the forward.
        given().auth().oauth2(districtHead).get("/api/v1/requests/{tn}/history", tn).then()
                .body("action", contains("submit", "register", "forward", "assign", "start_work", "resolve"))
                .body("find { it.action == 'forward' }.fromBranch", equalTo("ALA-RB"))
                .body("find { it.action == 'forward' }.toBranch", equalTo("ALA-D02"));
    }

    private static int act(String token, String tn, int version, Map<String, Object> command) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(command)
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200)
                .extract().path("version");
    }
}
