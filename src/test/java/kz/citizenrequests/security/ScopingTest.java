package kz.citizenrequests.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.TestData.submission;
import static kz.citizenrequests.TestData.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Staff see only their branch, citizens only their own requests; a stranger's request does not exist for them. */
@QuarkusTest
class ScopingTest {

    @Inject
    AgroalDataSource dataSource;

    private final String astanaOperator = Tokens.operator("AST-RB");
    private final String almatyOperator = Tokens.operator("ALA-RB");
    private final String almatyHead = Tokens.head("ALA-RB");

    @Test
    void anotherBranchsRequestIsNotFoundForReadingHistoryAndActing() {
        String tn = TestData.submitted(); // routed to AST-RB
        given().auth().oauth2(almatyOperator).get("/api/v1/requests/{tn}", tn).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:request-not-found"));
        given().auth().oauth2(almatyOperator).get("/api/v1/requests/{tn}/history", tn).then().statusCode(404);
        given().auth().oauth2(almatyHead).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("action", "register")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(404);
        given().auth().oauth2(astanaOperator).get("/api/v1/requests/{tn}", tn).then().statusCode(200);
        assertEquals(0, TestData.version(tn));
    }

    @Test
    void theQueueIsAlwaysTheCallersBranch() {
        String marker = "Scoped" + System.nanoTime();
        String astana = TestData.submit(with(submission(), "subject", marker)).path("trackingNumber");
        String almaty = TestData.submit(with(with(submission(), "subject", marker), "region", "KZ-75")).path("trackingNumber");

        given().auth().oauth2(almatyOperator).queryParam("q", marker).get("/api/v1/requests").then()
                .statusCode(200).body("items.trackingNumber", contains(almaty));
        given().auth().oauth2(astanaOperator).queryParam("q", marker).get("/api/v1/requests").then()
                .body("items.trackingNumber", contains(astana));
        given().auth().oauth2(almatyOperator).queryParam("branch", "AST-RB").get("/api/v1/requests").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(almatyOperator).queryParam("region", "KZ-71").queryParam("q", marker)
                .get("/api/v1/requests").then().statusCode(200).body("items", empty());
    }

    @Test
    void aStaffTokenWithoutABranchWorksNothing() {
        String noBranch = Tokens.claims("operator", "lost-operator").sign(Tokens.PRIVATE_KEY);
        given().auth().oauth2(noBranch).get("/api/v1/requests").then().statusCode(403);
        given().auth().oauth2(noBranch).get("/api/v1/requests/{tn}", TestData.submitted()).then().statusCode(403);
    }

    @Test
    void onlyABranchHeadExtendsForwardsAndReassigns() {
        String tn = TestData.submitted();
        for (Map<String, Object> command : new Map[]{
                Map.of("action", "extend_deadline", "newDueDate", java.time.LocalDate.now().plusDays(40).toString(), "note", "Expert needed"),
                Map.of("action", "forward", "targetBranch", "AST-D01"),
                Map.of("action", "assign", "assignee", "someone")}) {
            given().auth().oauth2(astanaOperator).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(command)
                    .post("/api/v1/requests/{tn}/transitions", tn)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:citizen-requests:problem:act-not-allowed"));
        }
        given().auth().oauth2(astanaOperator).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("action", "register")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.head("AST-RB")).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("action", "extend_deadline", "newDueDate", java.time.LocalDate.now().plusDays(40).toString(),
                        "note", "Expert needed"))
                .post("/api/v1/requests/{tn}/transitions", tn).then().statusCode(200);
    }

    @Test
    void aCitizenSeesOnlyTheirOwnRequests() {
        String alice = Tokens.newCitizen();
        String bob = Tokens.newCitizen();
        String tn = given().auth().oauth2(alice).contentType(ContentType.JSON).body(submission())
                .post("/api/v1/requests").then().statusCode(201).extract().path("trackingNumber");

        given().auth().oauth2(alice).get("/api/v1/requests/{tn}", tn).then().statusCode(200)
                .body("trackingNumber", equalTo(tn)).body("history.action", contains("submit"));
        given().auth().oauth2(alice).get("/api/v1/citizen/requests").then().statusCode(200)
                .body("trackingNumber", contains(tn));
        given().auth().oauth2(bob).get("/api/v1/requests/{tn}", tn).then().statusCode(404);
        given().auth().oauth2(bob).get("/api/v1/requests/{tn}/history", tn).then().statusCode(404);
        given().auth().oauth2(bob).get("/api/v1/citizen/requests").then().statusCode(200).body("$", empty());
        given().auth().oauth2(bob).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("action", "withdraw")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(404);
        given().auth().oauth2(alice).get("/api/v1/requests").then().statusCode(403);

        given().auth().oauth2(alice).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("action", "withdraw")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
    }

    @Test
    void leadershipAndAdministratorsNeverSeeCaseContent() {
        String tn = TestData.submitted();
        for (String token : new String[]{Tokens.leadership(null), Tokens.admin()}) {
            given().auth().oauth2(token).get("/api/v1/requests/{tn}", tn).then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).get("/api/v1/requests/{tn}/history", tn).then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/requests").then().statusCode(403);
        }
    }

    @Test
    void anonymousCallersNeedAnAccessCodeOrAToken() {
        String tn = TestData.submitted();
        given().get("/api/v1/requests/{tn}", tn).then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/requests").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void noClientFieldSetsWhatOnlyAnActMaySet() {
        TestData.Counts before = TestData.counts(dataSource);
        for (String field : new String[]{"status", "branch", "assignee", "dueDate", "receivedAt", "outcome",
                "trackingNumber", "resolvedAt", "version", "accessCode", "citizenAccount"}) {
            given().auth().oauth2(astanaOperator).contentType(ContentType.JSON).body(with(submission(), field, "X"))
                    .post("/api/v1/requests").then().statusCode(400).body("errors.field", hasItem(field));
        }
        assertEquals(before, TestData.counts(dataSource));

        String tn = TestData.submitted();
        for (String field : new String[]{"status", "branch", "dueDate", "trackingNumber", "version"}) {
            given().auth().oauth2(Tokens.head("AST-RB")).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(Map.of("action", "comment", "note", "n", field, "X"))
                    .post("/api/v1/requests/{tn}/transitions", tn)
                    .then().statusCode(400).body("errors.field", hasItem(field));
        }
        given().auth().oauth2(astanaOperator).get("/api/v1/requests/{tn}", tn).then()
                .body("status", equalTo("SUBMITTED")).body("branch.code", equalTo("AST-RB")).body("version", equalTo(0));
    }

    @Test
    void listingsMaskTheIinAndCarryNoContacts() {
        String marker = "Masked" + System.nanoTime();
        TestData.submit(with(submission(), "subject", marker));
        given().auth().oauth2(astanaOperator).queryParam("q", marker).get("/api/v1/requests").then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("items.citizenIin", everyItem(equalTo("9001********")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("citizen")))
                .body(not(org.hamcrest.Matchers.containsString(TestData.VALID_IIN)))
                .body(not(org.hamcrest.Matchers.containsString("aigerim@example.kz")))
                .body(not(org.hamcrest.Matchers.containsString("701 234")));
    }
}
