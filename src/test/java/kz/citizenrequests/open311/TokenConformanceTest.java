package kz.citizenrequests.open311;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.apiKey;
import static kz.citizenrequests.open311.Open311Support.created;
import static kz.citizenrequests.open311.Open311Support.form;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Requests are created synchronously and answered with their id, so no token ever resolves. */
@QuarkusTest
class TokenConformanceTest {

    @Test
    void everyTokenIsUnknownInJsonAndXml() {
        given().get(BASE + "tokens/{token}.json", "12345").then()
                .statusCode(404).contentType("application/json")
                .body("$", hasSize(1)).body("[0].code", equalTo(404)).body("[0].description", containsString("token"));
        Open311Support.assertXmlErrors(given().get(BASE + "tokens/12345.xml").then()
                .statusCode(404).contentType("text/xml").extract().asString(), 404);
    }

    @Test
    void aServiceRequestIdIsNotAToken() {
        String id = created(form(apiKey()));
        given().get(BASE + "tokens/{token}.json", id).then().statusCode(404).body("[0].code", equalTo(404));
    }
}
