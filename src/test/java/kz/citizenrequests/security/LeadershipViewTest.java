package kz.citizenrequests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What leadership reads carries no personal data, field by field; a regional leader sees one region. */
@QuarkusTest
class LeadershipViewTest {

    private static final Set<String> PERSONAL_FIELDS = Set.of("citizen", "fullName", "citizenName", "name", "iin",
            "citizenIin", "phone", "email", "address", "description", "subject", "answer", "note", "notes",
            "location", "latitude", "longitude", "assignee", "actor", "accessCode", "trackingNumber");
    private static final Pattern IIN = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[a-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?7[\\s(-]*7[0-9]{2}[\\s)-]*[0-9]{3}");

    private final String leader = Tokens.leadership(null);

    @Test
    void noReportCarriesAPersonalFieldOrValue() throws IOException {
        Map<String, Object> citizen = new LinkedHashMap<>();
        citizen.put("fullName", "Zhanar Personaldata");
        citizen.put("iin", "851231400567");
        citizen.put("phone", "+7 777 123 4567");
        citizen.put("email", "zhanar.pd@example.kz");
        Map<String, Object> body = TestData.with(TestData.with(TestData.with(TestData.submission(), "citizen", citizen),
                "address", "Secret street 1"), "description", "Secret description of a private matter");
        String tn = TestData.submit(body).path("trackingNumber");
        TestData.perform(tn, Map.of("action", "register", "note", "Secret note"));

        List<String> faults = new ArrayList<>();
        List<String> paths = new ArrayList<>(List.of("/api/v1/reports/summary", "/api/v1/reports/timeseries?interval=day",
                "/api/v1/reports/timeseries?interval=week", "/api/v1/reports/timeseries?interval=month"));
        for (String by : List.of("region", "branch", "category", "type", "channel", "status")) {
            paths.add("/api/v1/reports/breakdown?by=" + by);
        }
        ObjectMapper json = new ObjectMapper();
        for (String path : paths) {
            String answer = given().auth().oauth2(leader).accept(ContentType.JSON).get(path).then().statusCode(200)
                    .extract().asString();
            inspect(path, json.readTree(answer), faults);
            String csv = given().auth().oauth2(leader).accept("text/csv").get(path).then().statusCode(200).extract().asString();
            for (String secret : List.of("Zhanar", "851231400567", "zhanar.pd", "123 4567", "Secret", tn)) {
                if (csv.contains(secret) || answer.contains(secret)) {
                    faults.add(path + ": contains " + secret);
                }
            }
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    private static void inspect(String where, JsonNode node, List<String> faults) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (PERSONAL_FIELDS.contains(field.getKey())) {
                    faults.add(where + ": field " + field.getKey());
                }
                inspect(where + "." + field.getKey(), field.getValue(), faults);
            });
        } else if (node.isArray()) {
            node.forEach(item -> inspect(where + "[]", item, faults));
        } else if (node.isTextual()) {
            String text = node.asText();
            if (IIN.matcher(text).find() || EMAIL.matcher(text).find() || PHONE.matcher(text).find()) {
                faults.add(where + ": value looks personal: " + text);
            }
        }
    }

    @Test
    void aRegionalLeaderSeesTheirRegionOnly() {
        String ulytau = Tokens.leadership("KZ-62");
        TestData.submit(TestData.with(TestData.submission(), "region", "KZ-62"));
        Object national = given().auth().oauth2(leader).queryParam("region", "KZ-62").get("/api/v1/reports/summary")
                .then().statusCode(200).extract().path("received");
        given().auth().oauth2(ulytau).get("/api/v1/reports/summary").then().statusCode(200)
                .body("received", equalTo(national));
        given().auth().oauth2(ulytau).queryParam("by", "region").get("/api/v1/reports/breakdown").then().statusCode(200)
                .body("rows.key", equalTo(List.of("KZ-62")));
        given().auth().oauth2(ulytau).queryParam("region", "KZ-75").get("/api/v1/reports/summary").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ulytau).queryParam("branch", "ALA-RB").get("/api/v1/reports/timeseries").then()
                .statusCode(403);
        given().auth().oauth2(ulytau).queryParam("branch", "ULY-RB").get("/api/v1/reports/summary").then()
                .statusCode(200);
    }
}
