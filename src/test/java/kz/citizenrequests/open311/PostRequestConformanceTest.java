package kz.citizenrequests.open311;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.TRACKING_NUMBER;
import static kz.citizenrequests.open311.Open311Support.apiKey;
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.created;
import static kz.citizenrequests.open311.Open311Support.form;
import static kz.citizenrequests.open311.Open311Support.post;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PostRequestConformanceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answersAnArrayOfOneWithTheIdAndANoticeButNoTokenInJson() {
        Map<String, String> form = form(apiKey());
        form.put("locale", "en");
        post("json", form).then()
                .statusCode(200).contentType("application/json")
                .body("$", hasSize(1))
                .body("[0].service_request_id", matchesPattern(TRACKING_NUMBER))
                .body("[0].service_request_id", matchesPattern("AST-.*"))
                .body("[0].service_notice", allOf(containsString("Due by"), containsString("Astana city branch")))
                .body("[0]", not(hasKey("token")));
    }

    @Test
    void answersUnderServiceRequestsRequestInXml() {
        String body = post("xml", form(apiKey())).then()
                .statusCode(200).contentType("text/xml").extract().asString();
        Element root = xml(body).getDocumentElement();
        assertEquals("service_requests", root.getTagName());
        List<Element> requests = children(root, "request");
        assertEquals(1, requests.size());
        assertTrue(TRACKING_NUMBER.matcher(text(requests.get(0), "service_request_id")).matches());
        assertTrue(text(requests.get(0), "service_notice").contains("Срок рассмотрения"));
        assertTrue(children(requests.get(0), "token").isEmpty());
    }

    @Test
    void theCreatedRequestIsTheSameRequestTheRestApiSeesWithChannelOpen311() {
        Map<String, String> form = form(apiKey());
        form.put("attribute[district]", "KZ-71-02");
        form.put("attribute[type]", "complaint");
        form.put("attribute[publication_consent]", "true");
        String id = created(form);
        kz.citizenrequests.TestData.asHead(id).get("/api/v1/requests/{tn}", id).then()
                .statusCode(200)
                .body("channel", equalTo("open311"))
                .body("status", equalTo("SUBMITTED"))
                .body("type", equalTo("complaint"))
                .body("category", equalTo("housing_utilities"))
                .body("region", equalTo("KZ-71"))
                .body("district", equalTo("KZ-71-02"))
                .body("branch.code", equalTo("AST-D02"))
                .body("publicationConsent", equalTo(true))
                .body("description", equalTo(form.get("description")))
                .body("subject", equalTo(form.get("description")))
                .body("citizen.fullName", equalTo("Aigerim Sarsenova"))
                .body("citizen.email", equalTo("aigerim@example.kz"))
                .body("dueDate", matchesPattern("\\d{4}-\\d{2}-\\d{2}"));
        kz.citizenrequests.TestData.asHead(id).get("/api/v1/requests/{tn}/history", id).then()
                .statusCode(200).body("action", equalTo(List.of("submit")));
    }

    @Test
    void takesTheRegionFromTheNearestRegionalCentreWithoutTheAttribute() {
        Map<String, String> form = form(apiKey());
        form.put("lat", "42.34");      // Shymkent: nearer Shymkent than Turkistan
        form.put("long", "69.60");
        assertTrue(created(form).startsWith("SHY-"));
        form = form(apiKey());
        form.put("lat", "43.25");       // Almaty city, not Almaty region
        form.put("long", "76.90");
        assertTrue(created(form).startsWith("ALA-"));
    }

    @Test
    void theRegionAttributeOverridesTheLocationAndDefaultsAreApplication() {
        Map<String, String> form = form(apiKey());
        form.put("attribute[region]", "KZ-75");
        form.remove("lat");
        form.remove("long");
        String id = created(form);
        assertTrue(id.startsWith("ALA-"));
        kz.citizenrequests.TestData.asHead(id).get("/api/v1/requests/{tn}", id).then()
                .body("type", equalTo("application"))
                .body("publicationConsent", equalTo(false))
                .body("location", equalTo(null));
    }

    @Test
    void refusesAMissingWrongOrRevokedApiKeyWith403() {
        Map<String, String> form = form(null);
        form.remove("api_key");
        post("json", form).then().statusCode(403).contentType("application/json")
                .body("$", hasSize(1)).body("[0].code", equalTo(403)).body("[0].description", containsString("api_key"));
        form.put("api_key", "o311_not-a-real-key");
        post("json", form).then().statusCode(403).body("[0].code", equalTo(403));
        Open311Support.assertXmlErrors(post("xml", form).then().statusCode(403).contentType("text/xml").extract().asString(), 403);

        String key = apiKey();
        long id = given().auth().oauth2(kz.citizenrequests.Tokens.admin()).get("/api/v1/admin/open311-keys").then().statusCode(200)
                .extract().jsonPath().getLong("find { it.keyPrefix == '" + key.substring(0, 12) + "' }.id");
        created(form(key));
        given().auth().oauth2(kz.citizenrequests.Tokens.admin()).delete("/api/v1/admin/open311-keys/{id}", id).then().statusCode(200).body("active", equalTo(false));
        TestData.Counts before = TestData.counts(dataSource);
        post("json", form(key)).then().statusCode(403).body("[0].code", equalTo(403));
        assertEquals(before, TestData.counts(dataSource));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "service_code|                 |service_code",
            "service_code|no_such_service  |service_code",
            "description |                 |description",
            "email       |not-an-email     |email",
            "phone       |call me          |phone",
            "lat         |north            |lat",
            "lat         |10.0             |lat",
            "long        |1e400            |long",
            "attribute[region]|KZ-99       |attribute[region]",
            "attribute[district]|KZ-75-01  |attribute[district]",
            "attribute[type]|petition      |attribute[type]",
            "attribute[publication_consent]|maybe|attribute[publication_consent]",
            "jurisdiction_id|               |-",
    })
    void refusesBadParametersWith400NamingTheParameterAndStoresNothing(String parameter, String value, String named) {
        Map<String, String> form = form(apiKey());
        if (parameter.equals("attribute[district]")) {
            form.put("attribute[region]", "KZ-71");
        }
        form.put(parameter, value == null ? "" : value);
        if (named.equals("-")) {
            post("json", form).then().statusCode(200);
            return;
        }
        TestData.Counts before = TestData.counts(dataSource);
        post("json", form).then().statusCode(400).contentType("application/json")
                .body("code", hasItem(400))
                .body("description", hasItem(containsString(named)));
        Open311Support.assertXmlErrors(post("xml", form).then().statusCode(400).extract().asString(), 400);
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void refusesAnAnonymousApplicantAndAnOverlongDescription() {
        Map<String, String> form = form(apiKey());
        form.remove("first_name");
        form.remove("last_name");
        post("json", form).then().statusCode(400)
                .body("description", hasItem(containsString("first_name")));
        form = form(apiKey());
        form.put("description", "x".repeat(4001));
        post("json", form).then().statusCode(400).body("description", hasItem(containsString("description")));
        form.put("description", "x".repeat(4000));
        post("json", form).then().statusCode(200);
        // 4000 Kazakh letters are 8000 bytes, 24000 percent-encoded: the limit counts characters
        form.put("description", "әғқңөұүһі".repeat(444) + "әғқң");
        post("json", form).then().statusCode(200);
    }

    @Test
    void refusesARequestWithoutAnyLocation() {
        Map<String, String> form = form(apiKey());
        form.remove("lat");
        form.remove("long");
        form.remove("address_string");
        post("json", form).then().statusCode(400).body("description", hasItem(containsString("attribute[area]")));
    }

    @Test
    void hostileInputIsA4xxInTheSpecsFormatNeverA500() {
        Map<String, String> form = form(apiKey());
        form.put("description", "a\u0000b");
        post("json", form).then().statusCode(400).body("[0].code", equalTo(400));
        given().contentType(ContentType.JSON).body("{\"service_code\":\"x\"}").post(BASE + "requests.json")
                .then().statusCode(415).contentType("application/json").body("[0].code", equalTo(415));
        given().contentType(ContentType.URLENC).body("%%%=&&==").post(BASE + "requests.json")
                .then().statusCode(400).body("[0].code", equalTo(400));
        form = form(apiKey());
        form.put("first_name", "x".repeat(300));
        post("json", form).then().statusCode(400).body("[0].code", equalTo(400));
    }
}
