package kz.citizenrequests.open311;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.DATE_TIME;
import static kz.citizenrequests.open311.Open311Support.child;
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DiscoveryConformanceTest {

    @Test
    void describesTheEndpointInJson() {
        given().get(BASE + "discovery.json").then()
                .statusCode(200)
                .contentType("application/json")
                .body("changeset", matchesPattern(DATE_TIME))
                .body("contact", not(emptyOrNullString()))
                .body("key_service", not(emptyOrNullString()))
                .body("endpoints", hasSize(2))
                .body("endpoints[1].specification", equalTo("http://wiki.open311.org/GeoReport_v2/Servicerequestupdates"))
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", endsWith("/open311/v2"))
                .body("endpoints[0].changeset", matchesPattern(DATE_TIME))
                .body("endpoints[0].type", equalTo("production"))
                .body("endpoints[0].formats", contains("text/xml", "application/json"));
    }

    @Test
    void describesTheEndpointInXml() {
        String body = given().get(BASE + "discovery.xml").then()
                .statusCode(200).contentType("text/xml").extract().asString();
        Element root = xml(body).getDocumentElement();
        assertEquals("discovery", root.getTagName());
        assertTrue(DATE_TIME.matcher(text(root, "changeset")).matches());
        assertTrue(!text(root, "contact").isBlank());
        assertTrue(!text(root, "key_service").isBlank());
        List<Element> endpoints = children(child(root, "endpoints"), "endpoint");
        assertEquals(2, endpoints.size());
        assertEquals("http://wiki.open311.org/GeoReport_v2/Servicerequestupdates", text(endpoints.get(1), "specification"));
        Element endpoint = endpoints.get(0);
        assertEquals("http://wiki.open311.org/GeoReport_v2", text(endpoint, "specification"));
        assertTrue(text(endpoint, "url").endsWith("/open311/v2"));
        assertEquals("production", text(endpoint, "type"));
        assertEquals(List.of("text/xml", "application/json"),
                children(child(endpoint, "formats"), "format").stream().map(Element::getTextContent).toList());
    }

    @Test
    void acceptsItsOwnJurisdictionAndAnEmptyOneAndRefusesAnother() {
        given().queryParam("jurisdiction_id", "citizenrequests.kz").get(BASE + "discovery.json").then().statusCode(200);
        given().queryParam("jurisdiction_id", "").get(BASE + "discovery.json").then().statusCode(200);
        given().queryParam("jurisdiction_id", "sf.gov").get(BASE + "discovery.json").then()
                .statusCode(404).contentType("application/json")
                .body("$", hasSize(1))
                .body("[0].code", equalTo(404))
                .body("[0].description", not(emptyOrNullString()));
        String body = given().queryParam("jurisdiction_id", "sf.gov").get(BASE + "discovery.xml").then()
                .statusCode(404).contentType("text/xml").extract().asString();
        Open311Support.assertXmlErrors(body, 404);
    }

    @Test
    void answersAnUnknownPathOrFormatWithTheSpecsNotFound() {
        given().get(BASE + "discovery.html").then()
                .statusCode(404).contentType("application/json").body("[0].code", equalTo(404));
        given().get(BASE + "nothing/here.json").then()
                .statusCode(404).contentType("application/json").body("[0].code", equalTo(404));
        Open311Support.assertXmlErrors(given().get(BASE + "nothing.xml").then().statusCode(404).extract().asString(), 404);
    }
}
