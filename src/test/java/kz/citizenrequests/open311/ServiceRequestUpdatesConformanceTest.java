package kz.citizenrequests.open311;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.DATE_TIME;
import static kz.citizenrequests.open311.Open311Support.apiKey;
import static kz.citizenrequests.open311.Open311Support.assertXmlErrors;
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.created;
import static kz.citizenrequests.open311.Open311Support.form;
import static kz.citizenrequests.open311.Open311Support.multipartRequest;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FixMyStreet's servicerequestupdates extension, as its Open311::GetServiceRequestUpdates and
 * post_service_request_update use it: the body's acts come back in FixMyStreet's state words,
 * outcomes honestly (a rejected request is not fixed), and the integrator's updates become the
 * citizen's follow-up comments; one key sees its own requests only.
 */
@QuarkusTest
class ServiceRequestUpdatesConformanceTest {

    private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Inject
    AgroalDataSource dataSource;

    private static String now(long plusMinutes) {
        return OffsetDateTime.now(ZoneOffset.ofHours(5)).plusMinutes(plusMinutes).truncatedTo(ChronoUnit.SECONDS).format(W3C);
    }

    private static ValidatableResponse updates(String format, String key, String start, String end) {
        return given().queryParam("api_key", key).queryParam("start_date", start).queryParam("end_date", end)
                .get(BASE + "servicerequestupdates." + format).then();
    }

    @Test
    void aRejectedRequestReachesTheClientAsUnableToFixWithTheAnswerNeverAsFixed() {
        String key = apiKey();
        String start = now(-1);
        String id = created(form(key));
        TestData.perform(id, Map.of("action", "register", "note", "Registered"));
        TestData.perform(id, Map.of("action", "start_work"));
        TestData.perform(id, Map.of("action", "resolve", "outcome", "rejected",
                "answer", "The building is not on the municipal balance; contact the owners' association."));
        TestData.perform(id, Map.of("action", "close"));
        String end = now(1);

        updates("json", key, start, end).statusCode(200).contentType("application/json")
                .body("service_request_id", everyItem(equalTo(id)))
                .body("status", contains("investigating", "in_progress", "unable_to_fix", "unable_to_fix"))
                .body("external_status_code", contains("registered", "in_progress", "rejected", "rejected"))
                .body("status", not(hasItem("fixed")))
                .body("[0].description", equalTo("Registered"))
                .body("[2].description", equalTo("The building is not on the municipal balance; contact the owners' association."))
                .body("update_id", everyItem(matchesPattern("\\d+")))
                .body("updated_datetime", everyItem(matchesPattern(DATE_TIME)))
                .body("media_url", everyItem(equalTo("")));

        String body = updates("xml", key, start, end).statusCode(200).contentType("text/xml").extract().asString();
        Element root = xml(body).getDocumentElement();
        assertEquals("service_requests_updates", root.getTagName());
        List<Element> found = children(root, "request_update");
        assertEquals(4, found.size());
        Element decision = found.get(2);
        assertEquals(id, text(decision, "service_request_id"));
        assertEquals("unable_to_fix", text(decision, "status"));
        assertEquals("rejected", text(decision, "external_status_code"));
        assertTrue(DATE_TIME.matcher(text(decision, "updated_datetime")).matches());
        assertTrue(text(decision, "description").startsWith("The building is not"));

        // and in the request itself: closed, with the outcome in status_notes
        given().get(BASE + "requests/{id}.json", id).then().statusCode(200)
                .body("[0].status", equalTo("closed")).body("[0].status_notes", equalTo("rejected"));
    }

    @Test
    void eachOutcomeMapsToItsOwnStateAndForwardingIsAnInternalReferral() {
        String key = apiKey();
        String start = now(-1);
        Map<String, String> outcomes = Map.of("satisfied", "fixed", "partially_satisfied", "closed",
                "explained", "closed", "rejected", "unable_to_fix");
        for (var outcome : outcomes.entrySet()) {
            String id = created(form(key));
            TestData.perform(id, Map.of("action", "register"));
            TestData.perform(id, Map.of("action", "start_work"));
            TestData.perform(id, Map.of("action", "resolve", "outcome", outcome.getKey(), "answer", "Answer " + outcome.getKey()));
            updates("json", key, start, now(1)).statusCode(200)
                    .body("find { it.service_request_id == '" + id + "' && it.external_status_code == '" + outcome.getKey()
                            + "' }.status", equalTo(outcome.getValue()));
        }
        String forwarded = created(form(key));
        TestData.perform(forwarded, Map.of("action", "forward", "targetBranch", "AST-D03", "note", "Sent to the district"));
        updates("json", key, start, now(1)).statusCode(200)
                .body("find { it.service_request_id == '" + forwarded + "' }.status", equalTo("internal_referral"))
                .body("find { it.service_request_id == '" + forwarded + "' }.external_status_code", equalTo("forwarded"));
    }

    @Test
    void aKeySeesAndCommentsOnTheRequestsFiledWithItOnly() {
        String mine = apiKey();
        String theirs = apiKey();
        String start = now(-1);
        String id = created(form(theirs));
        TestData.perform(id, Map.of("action", "register", "note", "Registered"));
        updates("json", mine, start, now(1)).statusCode(200).body("$", hasSize(0));
        updates("json", theirs, start, now(1)).statusCode(200).body("$", hasSize(1));
        String direct = TestData.submitted();
        TestData.Counts before = TestData.counts(dataSource);
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParam("api_key", mine)
                .formParam("service_request_id", id).formParam("description", "Still broken")
                .post(BASE + "servicerequestupdates.json").then().statusCode(404)
                .body("[0].code", equalTo(404)).body("[0].description", containsString("service_request_id"));
        // a request filed through the REST API is no integrator's
        given().contentType(ContentType.URLENC).formParam("api_key", mine)
                .formParam("service_request_id", direct).formParam("description", "Still broken")
                .post(BASE + "servicerequestupdates.xml").then().statusCode(404);
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void anUpdatePostedByTheIntegratorBecomesTheCitizensFollowUpOnceEvenWhenRetried() {
        String key = apiKey();
        String id = created(form(key));
        // as FixMyStreet's post_service_request_update sends it
        Map<String, String> update = Map.of("api_key", key, "service_request_id", id, "update_id", "fms-comment-77",
                "updated_datetime", now(0), "status", "OPEN", "description", "Воды всё ещё нет.\r\nПодъезд 3.",
                "first_name", "Aigerim", "last_name", "Sarsenova", "email", "aigerim@example.kz");
        String updateId = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(update)
                .post(BASE + "servicerequestupdates.xml").then().statusCode(200).contentType("text/xml")
                .extract().xmlPath().getString("service_requests_updates.request_update.update_id");
        assertTrue(updateId.matches("\\d+"), updateId);
        String again = given().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(update)
                .post(BASE + "servicerequestupdates.json").then().statusCode(200).extract().path("[0].update_id");
        assertEquals(updateId, again, "a retry with the same update_id stores nothing new");
        String multipartId = multipartRequest(Map.of("api_key", key, "service_request_id", id,
                "update_id", "fms-comment-78", "description", "Photo attached on the site"))
                .post(BASE + "servicerequestupdates.json").then().statusCode(200).extract().path("[0].update_id");

        TestData.asHead(id).get("/api/v1/requests/{tn}/history", id).then().statusCode(200)
                .body("findAll { it.action == 'follow_up' }.note", contains("Воды всё ещё нет.\nПодъезд 3.", "Photo attached on the site"))
                .body("findAll { it.action == 'follow_up' }.id.collect { it.toString() }", contains(updateId, multipartId))
                .body("find { it.action == 'follow_up' }.actor", matchesPattern("citizen via conformance test .*"));
    }

    @Test
    void aDecidedRequestTakesNoMoreCommentsAndBadInputIsTheSpecsError() {
        String key = apiKey();
        String id = created(form(key));
        TestData.perform(id, Map.of("action", "register"));
        TestData.perform(id, Map.of("action", "start_work"));
        TestData.perform(id, Map.of("action", "resolve", "outcome", "satisfied", "answer", "Done"));
        given().contentType(ContentType.URLENC).formParam("api_key", key).formParam("service_request_id", id)
                .formParam("description", "Thanks").post(BASE + "servicerequestupdates.json").then()
                .statusCode(400).body("[0].description", containsString("service_request_id"));
        assertXmlErrors(given().contentType(ContentType.URLENC).formParam("api_key", key).formParam("service_request_id", id)
                .post(BASE + "servicerequestupdates.xml").then().statusCode(400).extract().asString(), 400);
        given().contentType(ContentType.URLENC).formParam("service_request_id", id).formParam("description", "x")
                .post(BASE + "servicerequestupdates.json").then().statusCode(403).body("[0].code", equalTo(403));
        given().get(BASE + "servicerequestupdates.json").then().statusCode(403).body("[0].code", equalTo(403));
        assertXmlErrors(given().get(BASE + "servicerequestupdates.xml?api_key=o311_nope").then().statusCode(403)
                .extract().asString(), 403);
        updates("json", key, "yesterday", now(0)).statusCode(400).body("[0].description", containsString("start_date"));
        updates("json", key, now(0), now(-10)).statusCode(400).body("[0].description", containsString("start_date"));
        updates("json", key, "2026-01-01T00:00:00+05:00", "2026-06-01T00:00:00+05:00").statusCode(400)
                .body("[0].description", containsString("90 days"));
        multipartRequest(Map.of("api_key", key, "service_request_id", id, "description", "photo"))
                .multiPart("photo1", "p.jpg", new byte[]{1, 2, 3}, "image/jpeg")
                .post(BASE + "servicerequestupdates.json").then().statusCode(400)
                .body("[0].description", containsString("photo1: uploaded files are not accepted yet"));
    }

    @Test
    void withoutDatesTheLastDayIsAnswered() {
        String key = apiKey();
        String id = created(form(key));
        TestData.perform(id, Map.of("action", "register", "note", "Registered"));
        given().queryParam("api_key", key).get(BASE + "servicerequestupdates.json").then().statusCode(200)
                .body("service_request_id", contains(id));
    }
}
