package kz.citizenrequests.open311;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
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
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.created;
import static kz.citizenrequests.open311.Open311Support.form;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GetRequestsConformanceTest {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static String ago(long seconds) {
        return OffsetDateTime.now(ZoneOffset.ofHours(5)).minusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).format(ISO);
    }

    private static ValidatableResponse list(Map<String, ?> query) {
        return given().queryParams(query).get(BASE + "requests.json").then();
    }

    @Test
    void publishesEverySpecFieldWithOffsetsAndNoPersonalDataInJson() {
        Map<String, String> form = form(apiKey());
        form.put("attribute[publication_consent]", "true");
        form.put("locale", "en");
        String id = created(form);
        String dueDate = kz.citizenrequests.TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().extract().path("dueDate");

        String body = list(Map.of("service_request_id", id, "locale", "en"))
                .statusCode(200).contentType("application/json")
                .body("$", hasSize(1))
                .body("[0].service_request_id", equalTo(id))
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("housing_utilities"))
                .body("[0].service_name", equalTo("Housing and utilities"))
                .body("[0].description", equalTo(form.get("description")))
                .body("[0].agency_responsible", equalTo("Astana city branch"))
                .body("[0].service_notice", containsString("Due by " + dueDate))
                .body("[0].requested_datetime", matchesPattern(DATE_TIME))
                .body("[0].requested_datetime", endsWith("+05:00"))
                .body("[0].updated_datetime", matchesPattern(DATE_TIME))
                .body("[0].expected_datetime", equalTo(dueDate + "T23:59:59+05:00"))
                .body("[0].lat", equalTo(51.128f))
                .body("[0].long", equalTo(71.43f))
                .body("[0]", not(hasKey("address")))
                .body("[0]", not(hasKey("token")))
                .extract().asString();
        for (String personal : List.of("Aigerim", "Sarsenova", "aigerim@example.kz", "234 5678", "Kabanbay")) {
            assertFalse(body.contains(personal), "published personal data: " + personal);
        }
    }

    @Test
    void withholdsDescriptionNotesAndLocationWithoutConsent() {
        String id = created(form(apiKey()));
        TestData.perform(id, Map.of("action", "register", "note", "Registered, answer within 15 working days"));
        String body = list(Map.of("service_request_id", id)).statusCode(200)
                .body("[0].service_request_id", equalTo(id))
                .body("[0]", not(hasKey("description")))
                .body("[0]", not(hasKey("status_notes")))
                .body("[0]", not(hasKey("lat")))
                .body("[0]", not(hasKey("long")))
                .extract().asString();
        assertFalse(body.contains("Aigerim"));
        assertFalse(body.contains("hot water"));
    }

    @Test
    void mapsTheLifecycleToOpenAndClosedWithTheLatestPublicNote() {
        Map<String, String> form = form(apiKey());
        form.put("attribute[publication_consent]", "true");
        String id = created(form);
        TestData.perform(id, Map.of("action", "register", "note", "Registered"));
        TestData.perform(id, Map.of("action", "assign", "assignee", "officer-7", "note", "internal: officer 7 takes it"));
        list(Map.of("service_request_id", id)).body("[0].status", equalTo("open"))
                .body("[0].status_notes", equalTo("Registered"));
        TestData.perform(id, Map.of("action", "start_work", "note", "Inspection scheduled"));
        list(Map.of("service_request_id", id)).body("[0].status", equalTo("open"))
                .body("[0].status_notes", equalTo("Inspection scheduled"));
        TestData.perform(id, Map.of("action", "resolve", "outcome", "satisfied", "answer", "Hot water restored on Friday"));
        list(Map.of("service_request_id", id)).body("[0].status", equalTo("closed"))
                .body("[0].status_notes", equalTo("satisfied: Hot water restored on Friday"));
        TestData.perform(id, Map.of("action", "close"));
        list(Map.of("service_request_id", id, "status", "closed")).body("service_request_id", contains(id));
        list(Map.of("service_request_id", id)).body("[0].status", equalTo("closed"));
    }

    @Test
    void filtersByWindowStatusAndServiceCodeAndPages() {
        String key = apiKey();
        String start = OffsetDateTime.now(ZoneOffset.ofHours(5)).format(ISO);
        String first = created(form(key));
        Map<String, String> healthcare = form(key);
        healthcare.put("service_code", "healthcare");
        String second = created(healthcare);
        String third = created(form(key));
        TestData.perform(third, Map.of("action", "register"));
        TestData.perform(third, Map.of("action", "start_work"));
        TestData.perform(third, Map.of("action", "resolve", "outcome", "explained", "answer", "Explained"));

        list(Map.of("start_date", start)).statusCode(200).body("service_request_id", contains(third, second, first));
        list(Map.of("start_date", start, "status", "open")).body("service_request_id", contains(second, first));
        list(Map.of("start_date", start, "status", "closed")).body("service_request_id", contains(third));
        list(Map.of("start_date", start, "status", "open,closed")).body("service_request_id", contains(third, second, first));
        list(Map.of("start_date", start, "service_code", "healthcare")).body("service_request_id", contains(second));
        list(Map.of("start_date", start, "service_code", "healthcare,housing_utilities", "status", "open"))
                .body("service_request_id", contains(second, first));
        list(Map.of("start_date", start, "page_size", "2")).body("service_request_id", contains(third, second));
        list(Map.of("start_date", start, "page_size", "2", "page", "2")).body("service_request_id", contains(first));
        list(Map.of("start_date", start, "page_size", "2", "page", "3")).body("$", empty());
        list(Map.of("end_date", ago(3600))).body("service_request_id", not(hasItem(first)));
        list(Map.of()).body("service_request_id", hasItem(first));
        list(Map.of("service_request_id", first + ", " + second + ",NOT-A-NUMBER", "status", "closed"))
                .body("service_request_id", contains(second, first));
    }

    @Test
    void refusesAWindowOverNinetyDaysAndMalformedFiltersWith400() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        list(Map.of("start_date", end.minusDays(90).format(ISO), "end_date", end.format(ISO))).statusCode(200);
        list(Map.of("start_date", end.minusDays(91).format(ISO), "end_date", end.format(ISO)))
                .statusCode(400).contentType("application/json")
                .body("$", hasSize(1)).body("[0].code", equalTo(400)).body("[0].description", containsString("90 days"));
        Open311Support.assertXmlErrors(given().queryParam("start_date", end.minusDays(91).format(ISO))
                .queryParam("end_date", end.format(ISO)).get(BASE + "requests.xml")
                .then().statusCode(400).contentType("text/xml").extract().asString(), 400);
        for (Map<String, String> bad : List.of(
                Map.of("start_date", "yesterday"),
                Map.of("end_date", "2026-13-01T00:00:00Z"),
                Map.of("start_date", end.format(ISO), "end_date", end.minusDays(1).format(ISO)),
                Map.of("start_date", "+999999999-12-31T00:00:00Z"),
                Map.of("status", "pending"),
                Map.of("service_code", "no_such_service"),
                Map.of("page", "0"),
                Map.of("page_size", "1001"),
                Map.of("page_size", "ten"),
                Map.of("service_code", "a\u0000b"))) {
            list(bad).statusCode(400).body("[0].code", equalTo(400));
        }
    }

    @Test
    void listsUnderServiceRequestsInXmlWellFormedForQuotesAmpersandsAndKazakhLetters() {
        Map<String, String> form = form(apiKey());
        String text = "Су & \"жылу\" <жоқ> 'әғқңөұүһі' — " + java.util.UUID.randomUUID();
        form.put("description", text);
        form.put("attribute[publication_consent]", "true");
        String id = created(form);
        String body = given().queryParam("service_request_id", id).queryParam("locale", "kk")
                .get(BASE + "requests.xml").then().statusCode(200).contentType("text/xml").extract().asString();
        Element root = xml(body).getDocumentElement();
        assertEquals("service_requests", root.getTagName());
        List<Element> requests = children(root, "request");
        assertEquals(1, requests.size());
        Element request = requests.get(0);
        assertEquals(id, text(request, "service_request_id"));
        assertEquals(text, text(request, "description"));
        assertEquals("open", text(request, "status"));
        assertEquals("Тұрғын үй және коммуналдық шаруашылық", text(request, "service_name"));
        for (String field : List.of("requested_datetime", "updated_datetime", "expected_datetime")) {
            assertTrue(DATE_TIME.matcher(text(request, field)).matches(), field);
        }
        assertTrue(children(request, "address").isEmpty());
    }
}
