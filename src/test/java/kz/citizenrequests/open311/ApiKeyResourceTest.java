package kz.citizenrequests.open311;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ApiKeyResourceTest {

    private static final String KEYS = "/api/v1/admin/open311-keys";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void issuesAKeyOnceListsItWithoutTheSecretAndStoresOnlyItsHash() throws SQLException {
        String client = "FixMyStreet " + UUID.randomUUID();
        var issued = given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON).body(Map.of("client", client)).post(KEYS)
                .then().statusCode(201).header("Cache-Control", "no-store")
                .body("apiKey", matchesPattern("o311_[A-Za-z0-9_-]{43}"))
                .body("key.client", equalTo(client))
                .body("key.active", equalTo(true))
                .body("key.revokedAt", nullValue())
                .extract();
        String key = issued.path("apiKey");
        long id = ((Number) issued.path("key.id")).longValue();

        String list = given().auth().oauth2(kz.citizenrequests.Tokens.admin()).get(KEYS).then().statusCode(200)
                .body("find { it.id == " + id + " }.client", equalTo(client))
                .body("find { it.id == " + id + " }.keyPrefix", equalTo(key.substring(0, 12)))
                .extract().asString();
        assertEquals(-1, list.indexOf(key), "the list must not show the key");

        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT key_hash FROM open311_api_keys WHERE id = ?")) {
            statement.setLong(1, id);
            var rows = statement.executeQuery();
            rows.next();
            assertEquals(ApiKeyService.hash(key), rows.getString(1));
        }
    }

    @Test
    void revokesAKeyAndKeepsItListed() {
        long id = ((Number) given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON).body(Map.of("client", "city integration"))
                .post(KEYS).then().statusCode(201).extract().path("key.id")).longValue();
        given().auth().oauth2(kz.citizenrequests.Tokens.admin()).delete(KEYS + "/{id}", id).then().statusCode(200)
                .body("active", equalTo(false)).body("revokedAt", notNullValue());
        String firstRevocation = given().auth().oauth2(kz.citizenrequests.Tokens.admin()).get(KEYS).then().extract().path("find { it.id == " + id + " }.revokedAt");
        given().auth().oauth2(kz.citizenrequests.Tokens.admin()).delete(KEYS + "/{id}", id).then().statusCode(200).body("revokedAt", equalTo(firstRevocation));
    }

    @Test
    void answersProblemsLikeTheRestOfTheApi() {
        given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON).body(Map.of("client", " ")).post(KEYS)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("client"));
        given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON).body("{\"client\":\"x\",\"apiKey\":\"mine\"}").post(KEYS)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(kz.citizenrequests.Tokens.admin()).delete(KEYS + "/{id}", Long.MAX_VALUE).then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", containsString("api-key-not-found"));
    }
}
