package kz.citizenrequests.open311;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.TRACKING_NUMBER;
import static kz.citizenrequests.open311.Open311Support.apiKey;
import static kz.citizenrequests.open311.Open311Support.apiKeyWithQuota;
import static kz.citizenrequests.open311.Open311Support.assertXmlErrors;
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.created;
import static kz.citizenrequests.open311.Open311Support.form;
import static kz.citizenrequests.open311.Open311Support.multipart;
import static kz.citizenrequests.open311.Open311Support.multipartRequest;
import static kz.citizenrequests.open311.Open311Support.post;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What FixMyStreet needs of a backend when it files reports (issue 15): long Cyrillic text, no
 * contact, its own quota, an area list where every choice is valid, multipart bodies, photo
 * links, address-only reports, keywords split on "," and line ends that survive XML.
 */
@QuarkusTest
class FixMyStreetSubmissionConformanceTest {

    /** 4000 characters with every letter Kazakh adds to Cyrillic: 8000 bytes, 24000 percent-encoded. */
    static final String KAZAKH_4000 = "әғқңөұүһі".repeat(444) + "әғқң";

    @Inject
    AgroalDataSource dataSource;

    private static String staffDescription(String id) {
        return TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().statusCode(200).extract().path("description");
    }

    @Test
    void fourThousandKazakhCharactersPassAsAFormAndAsMultipartInJsonAndXml() {
        assertEquals(4000, KAZAKH_4000.length());
        for (String format : List.of("json", "xml")) {
            Map<String, String> form = form(apiKey());
            form.put("description", KAZAKH_4000);
            Response byForm = post(format, form);
            Response byMultipart = multipart(format, form);
            for (Response answer : List.of(byForm, byMultipart)) {
                answer.then().statusCode(200);
                String id = format.equals("json") ? answer.path("[0].service_request_id")
                        : text(children(xml(answer.asString()).getDocumentElement(), "request").get(0), "service_request_id");
                assertTrue(TRACKING_NUMBER.matcher(id).matches());
                assertEquals(KAZAKH_4000, staffDescription(id));
            }
        }
    }

    @Test
    void fourThousandAndOneCharactersAreA400NamingTheDescriptionInEveryEncoding() {
        Map<String, String> form = form(apiKey());
        form.put("description", KAZAKH_4000 + "і");
        TestData.Counts before = TestData.counts(dataSource);
        for (Response answer : List.of(post("json", form), multipart("json", form))) {
            answer.then().statusCode(400).contentType("application/json")
                    .body("code", everyItem(equalTo(400)))
                    .body("description", hasItem(containsString("description: at most 4000 characters (this one has 4001)")));
        }
        for (Response answer : List.of(post("xml", form), multipart("xml", form))) {
            assertXmlErrors(answer.then().statusCode(400).extract().asString(), 400);
            assertTrue(answer.asString().contains("description: at most 4000 characters"));
        }
        assertEquals(before, TestData.counts(dataSource));
    }

    @Test
    void theJsonApiCountsCharactersToo() {
        Map<String, Object> body = TestData.with(TestData.submission(), "description", KAZAKH_4000);
        String id = TestData.submit(body).path("trackingNumber");
        assertEquals(KAZAKH_4000, staffDescription(id));
        given().contentType(ContentType.JSON).body(TestData.with(body, "description", KAZAKH_4000 + "і"))
                .post("/api/v1/requests").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("description"));
    }

    @Test
    void anIntegratorMayFileWithoutAContactAndStaffSeeThatTheIntegratorAnswersForIt() {
        Map<String, String> form = form(apiKey());
        form.remove("email");
        form.remove("phone");
        String id = created(form);
        TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().statusCode(200)
                .body("citizen.fullName", equalTo("Aigerim Sarsenova"))
                .body("citizen.phone", nullValue())
                .body("citizen.email", nullValue())
                .body("citizen.contactThrough", matchesPattern("conformance test .*"))
                .body("channel", equalTo("open311"));
        // a citizen filing directly still needs a contact
        Map<String, Object> direct = TestData.withCitizen(TestData.withCitizen(TestData.submission(), "phone", null), "email", null);
        given().contentType(ContentType.JSON).body(direct).post("/api/v1/requests").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("citizen.phone"));
    }

    @Test
    void aDirectSubmissionNamesNoIntegrator() {
        String id = TestData.submitted();
        TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().statusCode(200)
                .body("citizen.contactThrough", nullValue())
                .body("mediaUrls", hasSize(0));
    }

    @Test
    void anIntegratorHasItsOwnDailyQuotaCountedInPostgresAndNotTheCitizensCaps() {
        Map<String, Object> key = apiKeyWithQuota(2);
        String plain = (String) key.get("apiKey");
        long citizenBuckets = count("SELECT count(*) FROM rate_limit_counters WHERE bucket LIKE 'citizen:%'");
        created(form(plain));
        created(form(plain));
        assertEquals(2, count("SELECT hits FROM rate_limit_counters WHERE bucket = 'open311-key:" + key.get("id") + "'"));
        assertEquals(citizenBuckets, count("SELECT count(*) FROM rate_limit_counters WHERE bucket LIKE 'citizen:%'"),
                "an integrator's submissions do not count against the citizens' caps");
        TestData.Counts before = TestData.counts(dataSource);
        post("json", form(plain)).then().statusCode(429).contentType("application/json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("[0].code", equalTo(429))
                .body("[0].description", containsString("daily quota of this api key (2 submissions)"));
        assertXmlErrors(post("xml", form(plain)).then().statusCode(429).header("Retry-After", notNullValue())
                .extract().asString(), 429);
        assertEquals(before, TestData.counts(dataSource));
        // another key of another integrator is not affected
        created(form(apiKey()));
    }

    @Test
    void theAdministratorSetsAndResetsAKeysQuota() {
        Map<String, Object> key = apiKeyWithQuota(1);
        long id = (Long) key.get("id");
        String plain = (String) key.get("apiKey");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/open311-keys").then().statusCode(200)
                .body("find { it.id == " + id + " }.dailyQuota", equalTo(1))
                .body("find { it.id == " + id + " }.effectiveDailyQuota", equalTo(1));
        created(form(plain));
        post("json", form(plain)).then().statusCode(429);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("dailyQuota", 3))
                .put("/api/v1/admin/open311-keys/{id}/daily-quota", id).then().statusCode(200)
                .body("dailyQuota", equalTo(3)).body("effectiveDailyQuota", equalTo(3));
        created(form(plain));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"dailyQuota\": null}")
                .put("/api/v1/admin/open311-keys/{id}/daily-quota", id).then().statusCode(200)
                .body("dailyQuota", nullValue()).body("effectiveDailyQuota", equalTo(1000));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("dailyQuota", 0))
                .put("/api/v1/admin/open311-keys/{id}/daily-quota", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(containsString("dailyQuota")));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("dailyQuota", 5))
                .put("/api/v1/admin/open311-keys/{id}/daily-quota", 999999999).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.head("AST-RB")).contentType(ContentType.JSON).body(Map.of("dailyQuota", 5))
                .put("/api/v1/admin/open311-keys/{id}/daily-quota", id).then().statusCode(403);
    }

    /** Every value FixMyStreet can show in the area list is a valid choice on its own. */
    @Test
    void everyAreaOfTheServiceDefinitionIsAcceptedAndADistrictImpliesItsRegion() {
        List<String> areas = given().get(BASE + "services/roads_transport.json").then().statusCode(200)
                .extract().path("attributes.find { it.code == 'area' }.values.key");
        assertEquals(20 + 59, areas.size());
        String key = apiKey();
        for (String area : areas) {
            Map<String, String> form = form(key);
            form.put("service_code", "roads_transport");
            form.put("attribute[area]", area);
            String id = created(form);
            var request = TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().statusCode(200);
            if (area.matches("KZ-\\d+-\\d+")) {
                request.body("district", equalTo(area)).body("region", equalTo(area.substring(0, area.lastIndexOf('-'))));
            } else {
                request.body("region", equalTo(area)).body("district", nullValue());
            }
        }
        Map<String, String> form = form(key);
        form.put("attribute[area]", "KZ-99");
        post("json", form).then().statusCode(400).body("description", hasItem(containsString("attribute[area]")));
    }

    @Test
    void multipartIsAcceptedAndMediaUrlsAreKeptForStaff() {
        Map<String, String> form = form(apiKey());
        form.remove("address_string");
        String id = multipartRequest(form)
                .multiPart("media_url", "https://fixmystreet.example.kz/photo/1.full.jpeg")
                .multiPart("media_url", "https://fixmystreet.example.kz/photo/2.full.jpeg")
                .post(BASE + "requests.json").then().statusCode(200).extract().path("[0].service_request_id");
        TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().statusCode(200)
                .body("mediaUrls", equalTo(List.of("https://fixmystreet.example.kz/photo/1.full.jpeg",
                        "https://fixmystreet.example.kz/photo/2.full.jpeg")));
        Map<String, String> single = form(apiKey());
        single.put("media_url", "http://example.kz/a.jpg");
        String other = created(single);
        TestData.asHead(other).get("/api/v1/requests/{tn}", other).then().body("mediaUrls", equalTo(List.of("http://example.kz/a.jpg")));
        // the public view never shows them
        given().get(BASE + "requests/{id}.json", other).then().statusCode(200).body("[0]", not(org.hamcrest.Matchers.hasKey("media_url")));
    }

    @Test
    void aMediaUrlThatIsNotAWebLinkIsA400() {
        Map<String, String> form = form(apiKey());
        form.put("media_url", "javascript:alert(1)");
        post("json", form).then().statusCode(400).body("description", hasItem(containsString("media_url")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void anUploadedFileIsRefusedNamingThePartAndTheLimit(String format) {
        TestData.Counts before = TestData.counts(dataSource);
        Response answer = multipartRequest(form(apiKey()))
                .multiPart("media", "photo.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00}, "image/jpeg")
                .post(BASE + "requests." + format);
        answer.then().statusCode(400);
        if (format.equals("json")) {
            answer.then().contentType("application/json").body("[0].code", equalTo(400))
                    .body("[0].description", containsString("media: uploaded files are not accepted yet (at most 0 files"));
        } else {
            assertXmlErrors(answer.asString(), 400);
            assertTrue(answer.asString().contains("media: uploaded files are not accepted yet"));
        }
        assertEquals(before, TestData.counts(dataSource));
    }

    /** A multipart body without a readable part (none, or a broken boundary) is answered at once, never left waiting. */
    @ParameterizedTest
    @ValueSource(strings = {"--XX--\r\n", "--XX\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nabc"})
    void aMultipartBodyWithoutAReadablePartIsA400(String body) {
        for (String format : List.of("json", "xml")) {
            Response answer = given().contentType("multipart/form-data; boundary=XX")
                    .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(BASE + "requests." + format);
            answer.then().statusCode(400);
            if (format.equals("json")) {
                answer.then().body("[0].code", equalTo(400)).body("[0].description", containsString("boundary"));
            } else {
                assertXmlErrors(answer.asString(), 400);
            }
        }
    }

    @Test
    void anAddressAloneOrNotPinpointedIsAcceptedWithTheArea() {
        Map<String, String> form = form(apiKey());
        form.remove("lat");
        form.remove("long");
        form.put("attribute[area]", "KZ-71-02");
        String id = created(form);
        TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().statusCode(200)
                .body("address", equalTo("Kabanbay Batyr 12, Astana")).body("location", nullValue())
                .body("branch.code", equalTo("AST-D02"));

        form.remove("address_string");
        form.put("address_id", "#NOTPINPOINTED#");
        String notPinpointed = created(form);
        TestData.asHead(notPinpointed).get("/api/v1/requests/{tn}", notPinpointed).then().statusCode(200)
                .body("address", nullValue()).body("district", equalTo("KZ-71-02"));

        // without the area nothing says the region
        form.remove("attribute[area]");
        post("json", form).then().statusCode(400).body("description", hasItem(containsString("attribute[area]")));
    }

    @Test
    void keywordsAreJoinedWithABareCommaAsClientsSplitThem() {
        List<String> keywords = given().queryParam("locale", "en").get(BASE + "services.json").then().statusCode(200)
                .extract().path("keywords");
        for (String joined : keywords) {
            assertFalse(joined.contains(", "), joined);
        }
        String housing = given().get(BASE + "services.json").then().extract()
                .path("find { it.service_code == 'housing_utilities' }.keywords");
        assertTrue(List.of(housing.split(",")).containsAll(List.of("housing_utilities", "Housing and utilities")), housing);
        Element service = children(xml(given().get(BASE + "services.xml").asString()).getDocumentElement(), "service").get(0);
        assertFalse(text(service, "keywords").contains(", "));
    }

    @Test
    void lineEndsFromAFormAreStoredAsLineFeedsAndNeverComeBackAsCarriageReturns() {
        Map<String, String> form = form(apiKey());
        form.put("description", "Title line\r\n\r\nDetail line one\rline two\r\nhttps://fixmystreet.example.kz/report/1\r\n");
        form.put("attribute[publication_consent]", "true");
        String id = created(form);
        assertEquals("Title line\n\nDetail line one\nline two\nhttps://fixmystreet.example.kz/report/1", staffDescription(id));
        TestData.asHead(id).get("/api/v1/requests/{tn}", id).then().body("subject", equalTo("Title line"));
        String xml = given().get(BASE + "requests/{id}.xml", id).then().statusCode(200).extract().asString();
        assertFalse(xml.contains("&#xd;") || xml.contains("&#13;") || xml.contains("\r"), xml);
        assertTrue(xml.contains("Detail line one\nline two"));
        String multipartId = multipart("json", form).then().statusCode(200).extract().path("[0].service_request_id");
        assertFalse(staffDescription(multipartId).contains("\r"));
    }

    @Test
    void lineEndsInJsonAreStoredAsLineFeeds() {
        String id = TestData.submit(TestData.with(TestData.submission(), "description", "one\r\ntwo\rthree")).path("trackingNumber");
        assertEquals("one\ntwo\nthree", staffDescription(id));
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
