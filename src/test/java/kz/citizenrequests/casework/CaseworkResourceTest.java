package kz.citizenrequests.casework;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.TestData.Counts;
import kz.citizenrequests.Tokens;
import kz.citizenrequests.shared.TimeConfig;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.TestData.act;
import static kz.citizenrequests.TestData.asHead;
import static kz.citizenrequests.TestData.perform;
import static kz.citizenrequests.TestData.submission;
import static kz.citizenrequests.TestData.submitted;
import static kz.citizenrequests.TestData.version;
import static kz.citizenrequests.TestData.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CaseworkResourceTest {

    @Inject
    AgroalDataSource dataSource;

    // ---- reading ----

    @Test
    void staffReadTheFullRequestWithAnETagCarryingTheVersion() {
        String tn = submitted();
        asHead(tn).get("/api/v1/requests/{tn}", tn).then().statusCode(200)
                .header("ETag", "\"0\"")
                .header("Cache-Control", "no-store")
                .body("version", equalTo(0))
                .body("citizen.fullName", equalTo("Aigerim Sarsenova"))
                .body("status", equalTo("SUBMITTED"))
                .body("branch.code", equalTo("AST-RB"))
                .body("overdue", equalTo(false));
    }

    @Test
    void theCitizenSeesStatusAndPublicHistoryButNoInternalNotes() {
        var receipt = TestData.submit(submission());
        String tn = receipt.path("trackingNumber");
        perform(tn, Map.of("action", "register", "note", "Registered under no. 15"));
        perform(tn, Map.of("action", "assign", "assignee", "d.serikbay", "note", "Internal: call the housing office"));
        perform(tn, Map.of("action", "comment", "note", "Internal: the citizen called twice"));

        given().header("X-Access-Code", (String) receipt.path("accessCode")).get("/api/v1/requests/{tn}", tn)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("status", equalTo("REGISTERED"))
                .body("branch.code", equalTo("AST-RB"))
                .body("dueDate", equalTo(receipt.path("dueDate")))
                .body("history.action", contains("submit", "register"))
                .body("history.note", hasItem("Registered under no. 15"))
                .body("history.note", not(hasItem(containsString("Internal"))))
                .body("$", not(org.hamcrest.Matchers.hasKey("citizen")))
                .body("history[0]", not(org.hamcrest.Matchers.hasKey("actor")));

        given().header("X-Access-Code", (String) receipt.path("accessCode")).get("/api/v1/requests/{tn}/history", tn)
                .then().statusCode(200).body("action", contains("submit", "register"));
        asHead(tn).get("/api/v1/requests/{tn}/history", tn)
                .then().statusCode(200)
                .body("action", contains("submit", "register", "assign", "comment"))
                .body("actor", contains("citizen", "branch_head:head-AST-RB", "branch_head:head-AST-RB", "branch_head:head-AST-RB"))
                .body("visibleToCitizen", contains(true, true, false, false));
    }

    @Test
    void aWrongAccessCodeIsAnswerdExactlyLikeAnUnknownNumber() {
        String tn = submitted();
        var wrongCode = given().header("X-Access-Code", "AAAA-BBBB-CCCC").get("/api/v1/requests/{tn}", tn)
                .then().statusCode(404).contentType("application/problem+json").extract();
        var unknown = given().header("X-Access-Code", "AAAA-BBBB-CCCC").get("/api/v1/requests/{tn}", "AST-2026-999999999")
                .then().statusCode(404).contentType("application/problem+json").extract();
        assertEquals((Object) wrongCode.path("type"), unknown.path("type"));
        assertEquals((Object) wrongCode.path("detail"), unknown.path("detail"));
        assertEquals((Object) wrongCode.path("title"), unknown.path("title"));
        given().header("X-Access-Code", "AAAA-BBBB-CCCC").get("/api/v1/requests/{tn}/history", tn)
                .then().statusCode(404);
    }

    @Test
    void unknownTrackingNumbersAreNotFoundForStaff() {
        given().auth().oauth2(Tokens.head("AST-RB")).get("/api/v1/requests/{tn}", "NOPE").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:request-not-found"));
        given().auth().oauth2(Tokens.head("AST-RB")).get("/api/v1/requests/{tn}/history", "AST-2026-999999999").then().statusCode(404);
    }

    // ---- the queue ----

    @Test
    void aQueueItemSaysWhatTheRequestSays() {
        String marker = "Lamp" + System.nanoTime();
        String tn = TestData.submit(with(with(with(with(submission(), "region", "KZ-55"), "type", "complaint"),
                "category", "roads_transport"), "subject", marker + " is dark")).path("trackingNumber");
        perform(tn, Map.of("action", "register"));
        String pavlodar = Tokens.operator("PAV-RB");
        var view = given().auth().oauth2(pavlodar).get("/api/v1/requests/{tn}", tn).then().statusCode(200).extract().jsonPath();
        var item = given().auth().oauth2(pavlodar).queryParam("q", marker).get("/api/v1/requests").then().statusCode(200)
                .body("items", hasSize(1)).extract().jsonPath();
        for (String field : new String[]{"trackingNumber", "type", "category", "region", "district", "subject", "status",
                "assignee", "receivedAt", "dueDate", "overdue", "escalated", "version"}) {
            org.junit.jupiter.api.Assertions.assertEquals(String.valueOf((Object) view.get(field)),
                    String.valueOf((Object) item.get("items[0]." + field)), field);
        }
        org.junit.jupiter.api.Assertions.assertEquals(view.getString("branch.code"), item.getString("items[0].branch"));
        org.junit.jupiter.api.Assertions.assertEquals(view.getString("citizen.fullName"), item.getString("items[0].citizenName"));
        org.junit.jupiter.api.Assertions.assertEquals(view.getString("citizen.iin").substring(0, 4) + "********",
                item.getString("items[0].citizenIin"));
        org.junit.jupiter.api.Assertions.assertEquals(1, item.getInt("items[0].version"));
    }

    @Test
    void filtersTheQueueByBranchStatusCategoryTypeAndText() {
        String marker = "Pothole" + System.nanoTime();
        String a = TestData.submit(with(with(with(submission(), "region", "KZ-55"), "category", "roads_transport"),
                "subject", marker + " on Lenin street")).path("trackingNumber");
        String b = TestData.submit(with(with(with(with(submission(), "region", "KZ-55"), "category", "roads_transport"),
                "type", "complaint"), "subject", marker + " again")).path("trackingNumber");
        perform(b, Map.of("action", "register"));

        String pavlodar = Tokens.operator("PAV-RB");
        given().auth().oauth2(pavlodar).queryParam("branch", "PAV-RB").queryParam("q", marker).get("/api/v1/requests").then().statusCode(200)
                .body("items.trackingNumber", contains(b, a))
                .body("items.version", contains(1, 0));
        given().auth().oauth2(pavlodar).queryParam("q", marker).queryParam("status", "REGISTERED").get("/api/v1/requests").then()
                .body("items.trackingNumber", contains(b));
        given().auth().oauth2(pavlodar).queryParam("q", marker).queryParam("type", "complaint").get("/api/v1/requests").then()
                .body("items.trackingNumber", contains(b));
        given().auth().oauth2(pavlodar).queryParam("q", marker).queryParam("sort", "received_asc").get("/api/v1/requests").then()
                .body("items.trackingNumber", contains(a, b));
        given().auth().oauth2(pavlodar).queryParam("q", marker).queryParam("category", "healthcare").get("/api/v1/requests").then()
                .body("items", hasSize(0));
        given().auth().oauth2(pavlodar).queryParam("q", marker).queryParam("region", "KZ-55").queryParam("size", 1).get("/api/v1/requests").then()
                .body("items", hasSize(1)).body("hasNext", equalTo(true));
        given().auth().oauth2(pavlodar).queryParam("q", marker).queryParam("size", 1).queryParam("page", 1).get("/api/v1/requests").then()
                .body("items.trackingNumber", contains(a)).body("hasNext", equalTo(false));
    }

    @Test
    void aRequestDueTheDayItCameIsOverdueTheNextDay() {
        // The overdue queue skips what came in today (V37); a term of no days received late
        // yesterday is the latest receipt that is overdue today, and must still be listed.
        String marker = "Boundary" + System.nanoTime();
        String yesterday = TestData.submit(with(submission(), "subject", marker + " yesterday")).path("trackingNumber");
        String today = TestData.submit(with(submission(), "subject", marker + " today")).path("trackingNumber");
        LocalDate day = LocalDate.now(TimeConfig.KAZAKHSTAN).minusDays(1);
        TestData.execute(dataSource, "UPDATE requests SET due_date = DATE '" + day + "', statutory_due_date = DATE '" + day
                + "', received_at = TIMESTAMPTZ '" + day + " 23:59:59.999+05' WHERE tracking_number = '" + yesterday + "'");

        given().auth().oauth2(Tokens.operator("AST-RB")).queryParam("q", marker).queryParam("overdue", "true")
                .get("/api/v1/requests").then().statusCode(200)
                .body("items.trackingNumber", contains(yesterday)).body("items[0].overdue", equalTo(true));
        given().auth().oauth2(Tokens.operator("AST-RB")).queryParam("q", marker).queryParam("overdue", "false")
                .get("/api/v1/requests").then().statusCode(200)
                .body("items.trackingNumber", contains(today));
    }

    @Test
    void aTermCannotEndBeforeTheDayOfReceipt() {
        String number = TestData.submit(submission()).path("trackingNumber");
        LocalDate day = LocalDate.now(TimeConfig.KAZAKHSTAN).minusDays(1);
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> TestData.execute(dataSource, "UPDATE requests SET due_date = DATE '" + day
                        + "', statutory_due_date = DATE '" + day + "' WHERE tracking_number = '" + number + "'"));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getCause().getMessage().contains("requests_term_not_before_receipt"),
                refused.getCause().getMessage());
    }

    @Test
    void filtersOverdueAndByReceiptDate() {
        String marker = "Overdue" + System.nanoTime();
        String late = TestData.submit(with(submission(), "subject", marker + " late")).path("trackingNumber");
        String onTime = TestData.submit(with(submission(), "subject", marker + " fine")).path("trackingNumber");
        TestData.execute(dataSource, "UPDATE requests SET due_date = DATE '2025-01-10', statutory_due_date = DATE '2025-01-10', "
                + "received_at = TIMESTAMPTZ '2024-12-20 10:00+05' WHERE tracking_number = '" + late + "'");

        String astana = Tokens.operator("AST-RB");
        given().auth().oauth2(astana).queryParam("q", marker).queryParam("overdue", "true").get("/api/v1/requests").then()
                .body("items.trackingNumber", contains(late)).body("items[0].overdue", equalTo(true));
        given().auth().oauth2(astana).queryParam("q", marker).queryParam("overdue", "false").get("/api/v1/requests").then()
                .body("items.trackingNumber", contains(onTime));
        given().auth().oauth2(astana).queryParam("q", marker).queryParam("receivedFrom", "2024-12-20").queryParam("receivedTo", "2024-12-20")
                .get("/api/v1/requests").then().body("items.trackingNumber", contains(late));
        given().auth().oauth2(astana).queryParam("q", marker).queryParam("receivedFrom", LocalDate.now().minusDays(1).toString())
                .get("/api/v1/requests").then().body("items.trackingNumber", contains(onTime));
    }

    @Test
    void refusesAPageSizeOver100AndOtherBadParameters() {
        String astana = Tokens.operator("AST-RB");
        given().auth().oauth2(astana).queryParam("size", 101).get("/api/v1/requests").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("size"));
        given().auth().oauth2(astana).queryParam("status", "DONE").queryParam("overdue", "maybe").queryParam("receivedFrom", "yesterday")
                .queryParam("sort", "name").queryParam("page", "-1")
                .get("/api/v1/requests").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("status", "overdue", "receivedFrom", "sort", "page"));
        given().auth().oauth2(astana).queryParam("receivedFrom", "2026-02-01").queryParam("receivedTo", "2026-01-01")
                .get("/api/v1/requests").then().statusCode(400).body("errors.field", hasItem("receivedFrom"));
    }

    @Test
    void capsTheDefaultPage() {
        given().auth().oauth2(Tokens.operator("AST-RB")).get("/api/v1/requests").then().statusCode(200)
                .body("size", equalTo(20)).body("items.size()", lessThanOrEqualTo(20))
                .body("items.version", everyItem(notNullValue()));
    }

    // ---- acting ----

    @Test
    void anActAnswersTheUpdatedRequestWithItsNewETag() {
        String tn = submitted();
        asHead(tn).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("action", "register"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("REGISTERED"))
                .body("version", equalTo(1));
    }

    @Test
    void anActWithoutIfMatchIs428AndChangesNothing() {
        String tn = submitted();
        Counts before = TestData.counts(dataSource);
        asHead(tn).contentType(ContentType.JSON).body(Map.of("action", "register"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(428).contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:version-required"));
        assertEquals(before, TestData.counts(dataSource));
        assertEquals(0, version(tn));
    }

    @Test
    void anActOnAStaleVersionIs412AndChangesNothing() {
        String tn = submitted();
        perform(tn, Map.of("action", "register"));
        Counts before = TestData.counts(dataSource);
        asHead(tn).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("action", "start_work"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:stale-version"));
        assertEquals(before, TestData.counts(dataSource));
        asHead(tn).get("/api/v1/requests/{tn}", tn).then().body("status", equalTo("REGISTERED"));
    }

    @Test
    void anIllegalActIs409AndChangesNothing() {
        String tn = submitted();
        Counts before = TestData.counts(dataSource);
        act(tn).body(Map.of("action", "resolve", "outcome", "satisfied", "answer", "Done"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:illegal-transition"))
                .body("detail", containsString("SUBMITTED"));
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void refusesBadCommandsNamingTheField() {
        String tn = submitted();
        Counts before = TestData.counts(dataSource);
        act(tn).body(Map.of("action", "fly")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("action"));
        act(tn).body(Map.of("note", "no action")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("action"));
        act(tn).body(Map.of("action", "extend_deadline", "note", "reason")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("newDueDate"));
        act(tn).body(Map.of("action", "extend_deadline", "newDueDate", "2099-01-01")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("note"));
        act(tn).body(Map.of("action", "extend_deadline", "newDueDate", "soon", "note", "r")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("newDueDate"));
        act(tn).body(Map.of("action", "forward")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("targetBranch"));
        act(tn).body(Map.of("action", "resolve", "answer", "x")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("outcome"));
        act(tn).body(Map.of("action", "register", "status", "CLOSED")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("status"));
        asHead(tn).contentType(ContentType.JSON).header("If-Match", "yesterday").body(Map.of("action", "register"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(400).body("errors.field", hasItem("If-Match"));
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void extendsTheDeadlineWithAReasonButNeverBeyondTwoMonthsFromReceipt() {
        var receipt = TestData.submit(submission());
        String tn = receipt.path("trackingNumber");
        LocalDate received = LocalDate.parse(((String) receipt.path("receivedAt")).substring(0, 10));
        Counts before = TestData.counts(dataSource);
        act(tn).body(Map.of("action", "extend_deadline", "newDueDate", received.plusMonths(2).plusDays(2).toString(),
                        "note", "Expert opinion needed"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:extension-beyond-limit"))
                .body("errors.field", hasItem("newDueDate"));
        assertEquals(before, TestData.counts(dataSource));

        String newDue = received.plusMonths(1).toString();
        act(tn).body(Map.of("action", "extend_deadline", "newDueDate", newDue, "note", "Expert opinion needed"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200)
                .body("dueDate", equalTo(newDue))
                .body("statutoryDueDate", equalTo(receipt.path("dueDate")));
        given().header("X-Access-Code", (String) receipt.path("accessCode")).get("/api/v1/requests/{tn}", tn)
                .then().body("dueDate", equalTo(newDue))
                .body("history.note", hasItem("Expert opinion needed"));
    }

    @Test
    void forwardsToAnotherBranchAndFlagsALateForward() {
        String onTime = submitted();
        perform(onTime, Map.of("action", "forward", "targetBranch", "AST-D01", "note", "Belongs to the Almaty district"));
        asHead(onTime).get("/api/v1/requests/{tn}", onTime).then()
                .body("branch.code", equalTo("AST-D01")).body("lateForward", equalTo(false))
                .body("forwardCount", equalTo(1)).body("status", equalTo("SUBMITTED"));
        asHead(onTime).get("/api/v1/requests/{tn}/history", onTime).then()
                .body("[1].fromBranch", equalTo("AST-RB")).body("[1].toBranch", equalTo("AST-D01"))
                .body("[1].details.late", equalTo(false));

        String late = submitted();
        TestData.execute(dataSource, "UPDATE requests SET received_at = received_at - interval '10 days' WHERE tracking_number = '" + late + "'");
        perform(late, Map.of("action", "forward", "targetBranch", "ALA-RB"));
        asHead(late).get("/api/v1/requests/{tn}", late).then().body("lateForward", equalTo(true));
        asHead(late).get("/api/v1/requests/{tn}/history", late).then().body("[1].details.late", equalTo(true));
    }

    @Test
    void refusesAForwardToAnUnknownOrTheSameBranch() {
        String tn = submitted();
        act(tn).body(Map.of("action", "forward", "targetBranch", "XXX-RB"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(422).body("errors.field", hasItem("targetBranch"));
        act(tn).body(Map.of("action", "forward", "targetBranch", "AST-RB"))
                .post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(422).body("type", equalTo("urn:citizen-requests:problem:forward-to-same-branch"));
        assertEquals(0, version(tn));
    }

    @Test
    void theCitizenMayWithdrawWithTheAccessCodeButNotActAsStaff() {
        var receipt = TestData.submit(submission());
        String tn = receipt.path("trackingNumber");
        String code = receipt.path("accessCode");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").header("X-Access-Code", code)
                .body(Map.of("action", "register")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").header("X-Access-Code", "WRONG-CODE-0000")
                .body(Map.of("action", "withdraw")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(404);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").header("X-Access-Code", code)
                .body(Map.of("action", "withdraw", "note", "Solved by itself")).post("/api/v1/requests/{tn}/transitions", tn)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        asHead(tn).get("/api/v1/requests/{tn}/history", tn).then()
                .body("action", contains("submit", "withdraw")).body("actor", contains("citizen", "citizen"));
    }

    @Test
    void historyRowsCannotBeChangedOrDeleted() {
        String tn = submitted();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> TestData.execute(dataSource,
                "UPDATE request_history SET note = 'rewritten' WHERE request_id = (SELECT id FROM requests WHERE tracking_number = '" + tn + "')"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> TestData.execute(dataSource,
                "DELETE FROM request_history WHERE request_id = (SELECT id FROM requests WHERE tracking_number = '" + tn + "')"));
        asHead(tn).get("/api/v1/requests/{tn}/history", tn).then().body("action", equalTo(List.of("submit")));
    }
}
