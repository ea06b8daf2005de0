package kz.citizenrequests.workbench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import kz.citizenrequests.IdentityProvider;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench's pages over HTTP, with bearer tokens (the pages take them like the API does;
 * the browser test signs in through the provider). What a page offers, what an act does, and
 * what a refusal, a conflict and a bulk act show, asserted on the HTML and on the API.
 */
@QuarkusTest
@QuarkusTestResource(IdentityProvider.class)
class WorkbenchPagesTest {

    private static final String BRANCH = "AST-RB";
    private static final String OPERATOR = Tokens.operator(BRANCH);
    private static final String HEAD = Tokens.head(BRANCH);

    /** A request of AST-RB with a subject no other test uses, so that the queue can find it. */
    private static String fresh(String word) {
        String subject = "Workbench " + word + " " + UUID.randomUUID().toString().substring(0, 8);
        String number = TestData.submit(TestData.with(TestData.submission(), "subject", subject)).path("trackingNumber");
        assertEquals(BRANCH, TestData.branchOf(number));
        return number;
    }

    /** How many openings of the request's personal data the access log holds. */
    private static int accessLogged(String number) {
        return given().auth().oauth2(Tokens.admin()).queryParam("trackingNumber", number).get("/api/v1/admin/access-log")
                .then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static Document page(String token, String path) {
        Response response = given().auth().oauth2(token).get(path);
        response.then().statusCode(200).contentType(containsString("text/html")).header("Cache-Control", "no-store");
        return Jsoup.parse(response.asString());
    }

    private static Response post(String token, String path, Map<String, ?> form) {
        return given().auth().oauth2(token).redirects().follow(false).formParams(form).post(path);
    }

    private static List<String> offeredActs(Document page) {
        return page.select("details.act form input[name=action]").eachAttr("value");
    }

    @Test
    void theQueueListsTheBranchsRequestsWithTalliesAndFilters() {
        String number = fresh("queue");
        Document queue = page(OPERATOR, "/workbench?q=" + "Workbench");
        assertTrue(queue.select("h1").text().contains(BRANCH), queue.select("h1").text());
        assertFalse(queue.select("tr[data-number=" + number + "]").isEmpty(), "the new request is in the queue");
        // the tallies agree with the API's queue, status by status
        long submitted = given().auth().oauth2(OPERATOR).queryParam("status", "SUBMITTED").queryParam("size", 100)
                .get("/api/v1/requests").then().statusCode(200).extract().jsonPath().getList("items").size();
        String shown = queue.select("#tallies .tally-submitted .count").text().replaceAll("[^0-9]", "");
        if (submitted < 100) {
            assertEquals(String.valueOf(submitted), shown);
        }
        // a filter that excludes it: status REGISTERED
        Document registered = page(OPERATOR, "/workbench?status=REGISTERED&q=Workbench");
        assertTrue(registered.select("tr[data-number=" + number + "]").isEmpty());
        // sorting and the due-soon filter are accepted and shown as chosen
        Document sorted = page(OPERATOR, "/workbench?sort=due_asc&dueSoon=on");
        assertEquals("due_asc", sorted.select("#f-sort option[selected]").attr("value"));
        assertNotNull(sorted.selectFirst("#f-due-soon[checked]"));
        // a bad filter is answered with the plain queue, not an error page
        given().auth().oauth2(OPERATOR).get("/workbench?sort=sideways").then().statusCode(400)
                .body(containsString("id=\"queue\"")).body(containsString("<h1>"));
    }

    @Test
    void anotherBranchSeesNoneOfIt() {
        String number = fresh("private");
        String stranger = Tokens.operator("KAR-RB");
        Document queue = page(stranger, "/workbench?q=Workbench");
        assertTrue(queue.select("tr[data-number=" + number + "]").isEmpty());
        given().auth().oauth2(stranger).get("/workbench/requests/" + number).then().statusCode(404)
                .body(containsString("id=\"message\"")).body(org.hamcrest.Matchers.not(containsString("Aigerim")));
        post(stranger, "/workbench/requests/" + number, Map.of("action", "register", "version", "0", "seen", "0"))
                .then().statusCode(404);
        assertEquals("SUBMITTED", status(number));
    }

    @Test
    void theActPanelOffersExactlyWhatTheStaffViewAllows() {
        String number = fresh("acts");
        List<String> forOperator = given().auth().oauth2(OPERATOR).get("/api/v1/requests/" + number).then()
                .statusCode(200).extract().jsonPath().getList("allowedActions");
        assertEquals(List.of("register", "comment"), forOperator);
        assertEquals(forOperator, offeredActs(page(OPERATOR, "/workbench/requests/" + number)));
        List<String> forHead = given().auth().oauth2(HEAD).get("/api/v1/requests/" + number).then()
                .statusCode(200).extract().jsonPath().getList("allowedActions");
        assertEquals(List.of("register", "assign", "forward", "extend_deadline", "comment"), forHead);
        Document headPage = page(HEAD, "/workbench/requests/" + number);
        assertEquals(forHead, offeredActs(headPage));
        // the extension's date picker is bounded by the legal limit the API states
        String limit = given().auth().oauth2(HEAD).get("/api/v1/requests/" + number).then().extract().path("extensionLimit");
        assertEquals(limit, headPage.selectFirst("#extend_deadline-date").attr("max"));
        // the citizen's details are shown to the branch, and the opening is logged like the API's
        assertEquals("Aigerim Sarsenova", headPage.selectFirst("#c-name").text());
    }

    @Test
    void anActGoesThroughCaseworkAndAStaleOneShowsWhatChanged() {
        String number = fresh("conflict");
        Document opened = page(OPERATOR, "/workbench/requests/" + number);
        Element register = opened.selectFirst("#act-register form");
        String version = register.selectFirst("input[name=version]").val();
        String seen = register.selectFirst("input[name=seen]").val();

        // someone else registers it first (through the API)
        TestData.perform(number, Map.of("action", "register", "note", "Registered by the head"));

        Response stale = post(OPERATOR, "/workbench/requests/" + number,
                Map.of("action", "comment", "version", version, "seen", seen, "note", "My typed note"));
        stale.then().statusCode(412);
        Document conflict = Jsoup.parse(stale.asString());
        assertNotNull(conflict.selectFirst("#conflict"), "the conflict is explained");
        assertTrue(conflict.select("#conflict li").text().contains("Registered by the head"), conflict.select("#conflict").text());
        // nothing typed is lost: the comment form is open again with the note and the fresh version
        Element comment = conflict.selectFirst("#act-comment");
        assertTrue(comment.hasAttr("open"));
        assertEquals("My typed note", comment.selectFirst("textarea[name=note]").text());
        String freshVersion = comment.selectFirst("input[name=version]").val();
        assertEquals(String.valueOf(TestData.version(number)), freshVersion);

        // redone on the fresh version, it is done
        post(OPERATOR, "/workbench/requests/" + number,
                Map.of("action", "comment", "version", freshVersion, "seen", "0", "note", "My typed note"))
                .then().statusCode(303).header("Location", containsString("/workbench/requests/" + number + "?done=comment"));
        List<String> actions = given().auth().oauth2(OPERATOR).get("/api/v1/requests/" + number + "/history").then()
                .extract().jsonPath().getList("action");
        assertEquals(List.of("submit", "register", "comment"), actions);
        Document done = page(OPERATOR, "/workbench/requests/" + number + "?done=comment");
        assertNotNull(done.selectFirst("#notice"));
    }

    @Test
    void aRefusedActKeepsWhatWasTypedAndNamesTheField() {
        String number = fresh("refusal");
        String version = String.valueOf(TestData.version(number));
        String tooLate = LocalDate.now().plusYears(1).toString();
        Response refused = post(HEAD, "/workbench/requests/" + number,
                Map.of("action", "extend_deadline", "version", version, "seen", "0", "newDueDate", tooLate,
                        "note", "We need a survey"));
        refused.then().statusCode(422);
        Document page = Jsoup.parse(refused.asString());
        assertNotNull(page.selectFirst("#error-summary"));
        assertTrue(page.selectFirst("#error-summary").text().contains("newDueDate"));
        Element extend = page.selectFirst("#act-extend_deadline");
        assertTrue(extend.hasAttr("open"));
        assertEquals(tooLate, extend.selectFirst("input[name=newDueDate]").val());
        assertEquals("true", extend.selectFirst("input[name=newDueDate]").attr("aria-invalid"));
        assertEquals("We need a survey", extend.selectFirst("textarea[name=note]").text());
        assertEquals(version, String.valueOf(TestData.version(number)), "nothing changed");

        // an operator may not extend: the API's rule, not the page's
        post(OPERATOR, "/workbench/requests/" + number, Map.of("action", "extend_deadline", "version", version,
                "seen", "0", "newDueDate", LocalDate.now().plusDays(20).toString(), "note", "x")).then().statusCode(403);
    }

    @Test
    void aBulkRegisterReportsEachResult() {
        String first = fresh("bulk");
        String second = fresh("bulk");
        String stale = fresh("bulk");
        TestData.perform(stale, Map.of("action", "comment", "note", "moved on"));
        int disclosed = accessLogged(first) + accessLogged(second);
        Response bulk = given().auth().oauth2(OPERATOR).formParam("action", "register")
                .formParam("selected", first).formParam("selected", second).formParam("selected", stale)
                .formParam("v." + first, "0").formParam("v." + second, "0").formParam("v." + stale, "0")
                .post("/workbench/bulk");
        bulk.then().statusCode(200);
        Document results = Jsoup.parse(bulk.asString());
        assertEquals(3, results.select("#bulk-results li").size());
        assertEquals(List.of(first, second), results.select("#bulk-results li.result-done a").eachText());
        assertEquals(List.of(stale), results.select("#bulk-results li.result-failed a").eachText());
        // the results name the requests and show none of their personal data: no disclosure is logged
        assertEquals(disclosed, accessLogged(first) + accessLogged(second));
        assertEquals("REGISTERED", status(first));
        assertEquals("REGISTERED", status(second));
        assertEquals("SUBMITTED", status(stale));
        // assign is a head's act: an operator's bulk assign is refused item by item
        Response assign = given().auth().oauth2(OPERATOR).formParam("action", "assign").formParam("assignee", "Dana")
                .formParam("selected", first).formParam("v." + first, "1").post("/workbench/bulk");
        assertEquals(1, Jsoup.parse(assign.asString()).select("#bulk-results li.result-failed").size());
        // nothing selected: a clear page, nothing done
        given().auth().oauth2(OPERATOR).formParam("action", "register").post("/workbench/bulk").then().statusCode(400);
    }

    @Test
    void aTemplateIsFilledInForTheRequestAndResolvingSendsTheEditedText() {
        String number = fresh("template");
        TestData.perform(number, Map.of("action", "register"));
        TestData.perform(number, Map.of("action", "start_work"));
        Document opened = page(OPERATOR, "/workbench/requests/" + number);
        Element picker = opened.selectFirst("#resolve-template");
        assertNotNull(picker, "templates are offered when resolving");
        Element option = picker.select("option[value]").stream().filter(o -> !o.val().isEmpty()).findFirst().orElseThrow();
        assertTrue(option.attr("data-text").contains(number), "filled in with the tracking number");
        String version = opened.selectFirst("#act-resolve input[name=version]").val();

        Response inserted = post(OPERATOR, "/workbench/requests/" + number, Map.of("action", "resolve", "version", version,
                "seen", "0", "intent", "template", "template", option.val(), "outcome", "explained"));
        inserted.then().statusCode(200);
        Document withText = Jsoup.parse(inserted.asString());
        String text = withText.selectFirst("#resolve-answer").text();
        assertTrue(text.contains(number), text);
        assertNotNull(withText.selectFirst("#resolve-outcome-explained[checked]"), "the chosen outcome is kept");
        assertEquals("IN_PROGRESS", status(number), "inserting a template acts on nothing");

        String edited = text + "\r\nWith our regards.";
        post(OPERATOR, "/workbench/requests/" + number, Map.of("action", "resolve", "version", version, "seen", "0",
                "outcome", "explained", "answer", edited)).then().statusCode(303);
        given().auth().oauth2(OPERATOR).get("/api/v1/requests/" + number).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RESOLVED"))
                .body("answer", org.hamcrest.Matchers.endsWith("\nWith our regards."))
                .body("answer", org.hamcrest.Matchers.not(containsString("\r")));
    }

    @Test
    void otherRolesAndStrangersAreTurnedAway() {
        given().auth().oauth2(Tokens.leadership(null)).get("/workbench").then().statusCode(403)
                .body(containsString("/dashboard/"));
        given().auth().oauth2(Tokens.admin()).get("/workbench").then().statusCode(403)
                .body(containsString("/workbench/templates"));
        given().auth().oauth2(OPERATOR).get("/workbench/templates").then().statusCode(403);
        // a person without a session is sent to the provider's sign-in, with PKCE
        given().redirects().follow(false).get("/workbench").then().statusCode(302)
                .header("Location", startsWith("http://127.0.0.1:"))
                .header("Location", containsString("code_challenge_method=S256"))
                .header("Location", containsString("client_id=citizen-requests-workbench"));
        // a bad token is 401, not a redirect: scripts get an answer they can read
        given().auth().oauth2("not.a.token").get("/workbench").then().statusCode(401);
        // the dev sign-in page is not part of this build (dev profile only)
        given().auth().oauth2(OPERATOR).get("/workbench/dev-sign-in").then().statusCode(404);
        // a malformed number is a 404 page, not an error
        given().auth().oauth2(OPERATOR).get("/workbench/requests/not-a-number").then().statusCode(404);
    }

    @Test
    void theWorkbenchSpeaksKazakhRussianAndEnglish() {
        Document kk = page(OPERATOR, "/workbench?lang=kk");
        assertEquals("kk", kk.selectFirst("html").attr("lang"));
        assertTrue(kk.selectFirst("h1").text().startsWith("Кезек"), kk.selectFirst("h1").text());
        Document en = page(OPERATOR, "/workbench?lang=en");
        assertTrue(en.selectFirst("h1").text().startsWith("Queue of"));
        given().auth().oauth2(OPERATOR).get("/workbench?lang=ru").then().cookie("lang", "ru");
    }

    @Test
    void administratorsKeepTheTemplatesOnTheirPage() {
        String admin = Tokens.admin();
        Document list = page(admin, "/workbench/templates");
        int before = list.select("#templates tbody tr").size();
        Response refused = given().auth().oauth2(admin).formParam("title", "Greeting").formParam("language", "en")
                .formParam("body", "Dear {name}").formParam("version", "0").formParam("active", "on")
                .post("/workbench/templates");
        refused.then().statusCode(400);
        Document refusedPage = Jsoup.parse(refused.asString());
        assertTrue(refusedPage.selectFirst("#t-body-error").text().contains("{name}"));
        assertEquals("Dear {name}", refusedPage.selectFirst("#t-body").text(), "what was typed stays");

        String title = "Greeting " + UUID.randomUUID().toString().substring(0, 6);
        Response created = given().auth().oauth2(admin).redirects().follow(false).formParam("title", title)
                .formParam("language", "en").formParam("body", "Request {tracking_number} is answered.")
                .formParam("version", "0").formParam("active", "on").post("/workbench/templates");
        created.then().statusCode(303);
        String edit = created.header("Location").replaceAll(".*edit=", "");
        Document after = page(admin, "/workbench/templates");
        assertEquals(before + 1, after.select("#templates tbody tr").size());
        // a change on a stale version is refused and keeps the text
        given().auth().oauth2(admin).formParam("title", title + "!").formParam("language", "en")
                .formParam("body", "Changed").formParam("version", "7").formParam("active", "on")
                .post("/workbench/templates/" + edit).then().statusCode(412);
        given().auth().oauth2(admin).get("/api/v1/admin/answer-templates/" + edit).then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo(title));
    }

    @Test
    void staffSeeAnIntegratorsContactAndTheLinksItSent() {
        String key = given().auth().oauth2(Tokens.admin()).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("client", "FixMyStreet Astana " + UUID.randomUUID().toString().substring(0, 6)))
                .post("/api/v1/admin/open311-keys").then().statusCode(201).extract().path("apiKey");
        String number = given().contentType(io.restassured.http.ContentType.URLENC.withCharset("UTF-8"))
                .formParam("api_key", key).formParam("service_code", "housing_utilities")
                .formParam("lat", "51.128").formParam("long", "71.430")
                .formParam("first_name", "Aigerim").formParam("last_name", "Sarsenova")
                .formParam("description", "Broken bench in the courtyard " + UUID.randomUUID())
                .formParam("media_url", "https://fixmystreet.example.kz/photo/7.full.jpeg")
                .post("/open311/v2/requests.json").then().statusCode(200).extract().path("[0].service_request_id");
        Document page = page(Tokens.head(TestData.branchOf(number)), "/workbench/requests/" + number + "?lang=en");
        assertTrue(page.selectFirst("#c-through").text().contains("FixMyStreet Astana"), page.selectFirst("#c-through").text());
        assertEquals(List.of("https://fixmystreet.example.kz/photo/7.full.jpeg"), page.select("#media a").eachAttr("href"));
        assertEquals("noopener noreferrer", page.selectFirst("#media a").attr("rel"));
        // a direct submission has no integrator and no links
        Document direct = page(HEAD, "/workbench/requests/" + fresh("direct") + "?lang=en");
        assertEquals("the applicant, directly", direct.selectFirst("#c-through").text());
        assertTrue(direct.select("#media").isEmpty());
    }

    private static String status(String number) {
        return given().auth().oauth2(HEAD).get("/api/v1/requests/" + number).then().statusCode(200).extract().path("status");
    }
}
