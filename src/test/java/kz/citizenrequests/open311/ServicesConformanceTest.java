package kz.citizenrequests.open311;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.open311.Open311Support.BASE;
import static kz.citizenrequests.open311.Open311Support.child;
import static kz.citizenrequests.open311.Open311Support.children;
import static kz.citizenrequests.open311.Open311Support.text;
import static kz.citizenrequests.open311.Open311Support.xml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ServicesConformanceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void listsEveryCategoryAsAServiceWithTheSpecsFieldsInJson() {
        given().get(BASE + "services.json").then()
                .statusCode(200).contentType("application/json")
                .body("service_code", hasItems("housing_utilities", "healthcare", "other"))
                .body("service_name", everyItem(not(emptyOrNullString())))
                .body("description", everyItem(not(emptyOrNullString())))
                .body("metadata", everyItem(equalTo(true)))
                .body("type", everyItem(equalTo("realtime")))
                .body("keywords", everyItem(instanceOf(String.class)))
                .body("group", everyItem(not(emptyOrNullString())))
                .body("find { it.service_code == 'housing_utilities' }.service_name", equalTo("Жилищно-коммунальное хозяйство"))
                .body("find { it.service_code == 'housing_utilities' }.keywords", containsString("Housing and utilities"));
    }

    @Test
    void speaksTheLanguageOfLocaleThenAcceptLanguageThenRussian() {
        given().queryParam("locale", "kk_KZ").get(BASE + "services.json").then()
                .body("find { it.service_code == 'healthcare' }.service_name", equalTo("Денсаулық сақтау"));
        given().header("Accept-Language", "en-GB,en;q=0.8").get(BASE + "services.json").then()
                .body("find { it.service_code == 'healthcare' }.service_name", equalTo("Healthcare"));
        given().header("Accept-Language", "de, en;q=0.5").get(BASE + "services.json").then()
                .body("find { it.service_code == 'healthcare' }.service_name", equalTo("Healthcare"));
        given().queryParam("locale", "en").header("Accept-Language", "kk").get(BASE + "services.json").then()
                .body("find { it.service_code == 'healthcare' }.service_name", equalTo("Healthcare"));
        given().queryParam("locale", "fr").get(BASE + "services.json").then()
                .body("find { it.service_code == 'healthcare' }.service_name", equalTo("Здравоохранение"));
    }

    @Test
    void listsTheServicesInXmlUnderServicesRoot() {
        String body = given().get(BASE + "services.xml?locale=en").then()
                .statusCode(200).contentType("text/xml").extract().asString();
        Element root = xml(body).getDocumentElement();
        assertEquals("services", root.getTagName());
        List<Element> services = children(root, "service");
        assertTrue(services.size() >= 12);
        Element housing = services.stream().filter(s -> text(s, "service_code").equals("housing_utilities")).findFirst().orElseThrow();
        assertEquals("Housing and utilities", text(housing, "service_name"));
        assertEquals("true", text(housing, "metadata"));
        assertEquals("realtime", text(housing, "type"));
        assertEquals("Urban environment and infrastructure", text(housing, "group"));
        assertTrue(!text(housing, "description").isBlank());
        assertTrue(text(housing, "keywords").contains("housing_utilities"));
    }

    @Test
    void definesTheExtraAttributesOfAServiceInJson() {
        given().queryParam("locale", "en").get(BASE + "services/housing_utilities.json").then()
                .statusCode(200).contentType("application/json")
                .body("service_code", equalTo("housing_utilities"))
                .body("attributes.code", contains("area", "type", "publication_consent", "description_limit"))
                .body("attributes.variable", contains(true, true, true, false))
                .body("attributes.datatype", everyItem(isOneOf("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")))
                .body("attributes.required", everyItem(instanceOf(Boolean.class)))
                .body("attributes.order", contains(1, 2, 3, 4))
                .body("attributes.datatype_description", everyItem(instanceOf(String.class)))
                .body("attributes.description", everyItem(not(emptyOrNullString())))
                .body("attributes[0].values", hasSize(20 + 59))
                .body("attributes[0].values", hasItem(java.util.Map.of("key", "KZ-71", "name", "Astana")))
                .body("attributes[0].values.key", hasItem("KZ-71-01"))
                .body("attributes[1].values.key", contains("application", "complaint", "proposal", "inquiry", "response", "report"))
                .body("attributes[2].values.key", contains("true", "false"))
                .body("attributes[3].values", hasSize(0))
                .body("attributes[3].description", containsString("4000 characters"));
    }

    @Test
    void definesTheExtraAttributesOfAServiceInXml() {
        String body = given().get(BASE + "services/healthcare.xml?locale=kk").then()
                .statusCode(200).contentType("text/xml").extract().asString();
        Element root = xml(body).getDocumentElement();
        assertEquals("service_definition", root.getTagName());
        assertEquals("healthcare", text(root, "service_code"));
        List<Element> attributes = children(child(root, "attributes"), "attribute");
        assertEquals(List.of("area", "type", "publication_consent", "description_limit"),
                attributes.stream().map(a -> text(a, "code")).toList());
        Element region = attributes.get(0);
        assertEquals("true", text(region, "variable"));
        assertEquals("singlevaluelist", text(region, "datatype"));
        assertEquals("false", text(region, "required"));
        assertEquals("1", text(region, "order"));
        List<Element> values = children(child(region, "values"), "value");
        assertEquals(20 + 59, values.size());
        Element astana = values.stream().filter(v -> text(v, "key").equals("KZ-71")).findFirst().orElseThrow();
        assertEquals("Астана", text(astana, "name"));
    }

    @Test
    void anUnknownServiceIsTheSpecsNotFound() {
        given().get(BASE + "services/no_such_service.json").then()
                .statusCode(404).contentType("application/json")
                .body("$", hasSize(1)).body("[0].code", equalTo(404)).body("[0].description", containsString("no_such_service"));
        Open311Support.assertXmlErrors(given().get(BASE + "services/no_such_service.xml").then()
                .statusCode(404).contentType("text/xml").extract().asString(), 404);
        given().urlEncodingEnabled(false).get(BASE + "services/a%00b.json").then()
                .statusCode(400).contentType("application/json").body("[0].code", equalTo(400));
    }

    @Test
    void xmlStaysWellFormedForQuotesAmpersandsAndKazakhLetters() {
        String code = "xml_" + randomLetters();
        String name = "Су & \"жылу\" <үй> 'әғқңөұүһі' ӘҒҚҢӨҰҮҺІ";
        TestData.execute(dataSource, "INSERT INTO categories (code, name_kk, name_ru, name_en, description_kk, "
                + "description_ru, description_en, sort_order) VALUES ('" + code + "', '" + name.replace("'", "''")
                + "', 'ru', 'en', 'A & B < C > D \"E\"', 'ru', 'en', 99)");
        try {
            String body = given().queryParam("locale", "kk").get(BASE + "services.xml").then()
                    .statusCode(200).contentType("text/xml").extract().asString();
            Document document = xml(body);
            Element service = children(document.getDocumentElement(), "service").stream()
                    .filter(s -> text(s, "service_code").equals(code)).findFirst().orElseThrow();
            assertEquals(name, text(service, "service_name"));
            assertEquals("A & B < C > D \"E\"", text(service, "description"));
            given().queryParam("locale", "kk").get(BASE + "services.json").then()
                    .body("find { it.service_code == '" + code + "' }.service_name", equalTo(name));
        } finally {
            TestData.execute(dataSource, "DELETE FROM categories WHERE code = '" + code + "'");
        }
    }

    private static String randomLetters() {
        Random random = new Random();
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}
