package kz.citizenrequests.open311;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.DATE_TIME;
import static kz.citizenrequests.open311.Open311Support.apiKey;
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.created;
import static kz.citizenrequests.open311.Open311Support.form;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RequestByIdConformanceTest {

    @Test
    void answersAnArrayOfOneInJson() {
        String id = created(form(apiKey()));
        given().get(BASE + "requests/{id}.json", id).then()
                .statusCode(200).contentType("application/json")
                .body("$", hasSize(1))
                .body("[0].service_request_id", equalTo(id))
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("housing_utilities"))
                .body("[0].service_name", equalTo("Жилищно-коммунальное хозяйство"))
                .body("[0].agency_responsible", equalTo("Астанинский городской филиал"))
                .body("[0].service_notice", containsString("Срок рассмотрения"))
                .body("[0].requested_datetime", matchesPattern(DATE_TIME))
                .body("[0].updated_datetime", matchesPattern(DATE_TIME))
                .body("[0].expected_datetime", matchesPattern(DATE_TIME));
    }

    @Test
    void answersUnderServiceRequestsRequestInXml() {
        String id = created(form(apiKey()));
        String body = given().header("Accept-Language", "en").get(BASE + "requests/{id}.xml", id).then()
                .statusCode(200).contentType("text/xml").extract().asString();
        Element root = xml(body).getDocumentElement();
        assertEquals("service_requests", root.getTagName());
        List<Element> requests = children(root, "request");
        assertEquals(1, requests.size());
        assertEquals(id, text(requests.get(0), "service_request_id"));
        assertEquals("Astana city branch", text(requests.get(0), "agency_responsible"));
        assertTrue(DATE_TIME.matcher(text(requests.get(0), "expected_datetime")).matches());
    }

    @Test
    void anUnknownOrStrangeIdIsTheSpecsNotFound() {
        given().get(BASE + "requests/AST-2000-999999999.json").then()
                .statusCode(404).contentType("application/json")
                .body("$", hasSize(1)).body("[0].code", equalTo(404));
        Open311Support.assertXmlErrors(given().get(BASE + "requests/AST-2000-999999999.xml").then()
                .statusCode(404).contentType("text/xml").extract().asString(), 404);
        given().urlEncodingEnabled(false).get(BASE + "requests/x%27%3B%20DROP%20TABLE%20requests.json").then()
                .statusCode(404).body("[0].code", equalTo(404));
        given().urlEncodingEnabled(false).get(BASE + "requests/%00.json").then()
                .statusCode(400).body("[0].code", equalTo(400));
    }
}
