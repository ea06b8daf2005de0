package kz.citizenrequests.open311;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.apiKey;
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.created;
import static kz.citizenrequests.open311.Open311Support.form;
import static kz.citizenrequests.open311.Open311Support.post;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * XML 1.0 cannot carry most C0 control characters: they are refused where they arrive, and
 * the XML documents serialise whatever is stored, so one bad row never breaks a public list.
 */
@QuarkusTest
class ControlCharactersTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aControlCharacterInAFormFieldIsRefusedNamingTheField() {
        Map<String, String> form = form(apiKey());
        form.put("description", "No hot water\u0001 since Monday");
        TestData.Counts before = TestData.counts(dataSource);
        post("json", form).then().statusCode(400)
                .body("[0].code", equalTo(400))
                .body("[0].description", containsString("description"));
        assertEquals(before, TestData.counts(dataSource));
    }

    /** Bytes that are not UTF-8 (a lone surrogate as a form sends it, %FF) are decoded as U+FFFD and refused. */
    @Test
    void aFormFieldThatIsNotUtf8IsRefused() {
        String key = apiKey();
        TestData.Counts before = TestData.counts(dataSource);
        for (String bytes : List.of("%ED%A0%80", "%FF%FE", "x%C0%AFy")) {
            given().contentType("application/x-www-form-urlencoded").body("api_key=" + key
                            + "&service_code=housing_utilities&lat=51.128&long=71.430&first_name=A&email=a%40example.kz"
                            + "&description=Water" + bytes).post(BASE + "requests.json")
                    .then().statusCode(400).body("[0].code", equalTo(400)).body("[0].description", containsString("description"));
        }
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void aStoredControlCharacterDoesNotBreakTheXmlDocuments() {
        Map<String, String> form = form(apiKey());
        form.put("attribute[publication_consent]", "true");
        String id = created(form);
        // a row written before the rule, or by other means than the API
        TestData.execute(dataSource, "UPDATE requests SET description = 'Bell' || chr(7) || ' and start' || chr(1)"
                + " WHERE tracking_number = '" + id + "'");

        String list = given().queryParam("service_request_id", id).get(BASE + "requests.xml")
                .then().statusCode(200).contentType("text/xml").extract().asString();
        List<Element> requests = children(xml(list).getDocumentElement(), "request");
        assertEquals("Bell\uFFFD and start\uFFFD", text(requests.get(0), "description"));

        String one = given().get(BASE + "requests/" + id + ".xml")
                .then().statusCode(200).contentType("text/xml").extract().asString();
        assertEquals("Bell\uFFFD and start\uFFFD", text(children(xml(one).getDocumentElement(), "request").get(0), "description"));
    }
}
