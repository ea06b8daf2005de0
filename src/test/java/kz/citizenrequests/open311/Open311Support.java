package kz.citizenrequests.open311;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Api keys, Open311 submissions and an XML parser for the Open311 conformance tests. */
final class Open311Support {

    static final String BASE = "/open311/v2/";
    /** ISO 8601 with seconds and an explicit offset, e.g. 2026-11-28T10:15:30+05:00. */
    static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}");
    static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Z]{3}-\\d{4}-\\d{6,}");

    private Open311Support() {
    }

    /** Issues a fresh api key through the administrators' endpoint and answers the plain key. */
    static String apiKey() {
        return given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON).body(Map.of("client", "conformance test " + UUID.randomUUID()))
                .post("/api/v1/admin/open311-keys")
                .then().statusCode(201).extract().path("apiKey");
    }

    /** A complete, valid Open311 submission; change what a test needs. */
    static Map<String, String> form(String apiKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", apiKey);
        form.put("service_code", "housing_utilities");
        form.put("lat", "51.128");
        form.put("long", "71.430");
        form.put("address_string", "Kabanbay Batyr 12, Astana");
        form.put("email", "aigerim@example.kz");
        form.put("phone", "+7 701 234 5678");
        form.put("first_name", "Aigerim");
        form.put("last_name", "Sarsenova");
        form.put("description", "No hot water in entrance 3 of house 12 since Monday. " + UUID.randomUUID());
        return form;
    }

    static Response post(String format, Map<String, String> form) {
        RequestSpecification request = given().contentType(ContentType.URLENC.withCharset("UTF-8"));
        form.forEach(request::formParam);
        return request.post(BASE + "requests." + format);
    }

    /** The same form as multipart/form-data, each field a UTF-8 text part (what FixMyStreet sends with photos). */
    static Response multipart(String format, Map<String, String> form) {
        return multipartRequest(form).post(BASE + "requests." + format);
    }

    static RequestSpecification multipartRequest(Map<String, String> form) {
        RequestSpecification request = given().contentType("multipart/form-data");
        form.forEach((name, value) -> request.multiPart(new io.restassured.builder.MultiPartSpecBuilder(value)
                .controlName(name).charset("UTF-8").build()));
        return request;
    }

    /** Issues a key with its own daily quota and answers the plain key and its id. */
    static Map<String, Object> apiKeyWithQuota(int dailyQuota) {
        var issued = given().auth().oauth2(kz.citizenrequests.Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("client", "quota test " + UUID.randomUUID(), "dailyQuota", dailyQuota))
                .post("/api/v1/admin/open311-keys")
                .then().statusCode(201).extract();
        return Map.of("apiKey", issued.path("apiKey"), "id", ((Number) issued.path("key.id")).longValue());
    }

    /** Creates a request over Open311 (JSON) and answers its service_request_id. */
    static String created(Map<String, String> form) {
        return post("json", form).then().statusCode(200).extract().path("[0].service_request_id");
    }

    static Document xml(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage() + "\n" + body, e);
        }
    }

    /** The element children of a node, by name. */
    static List<Element> children(Node parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    static Element child(Node parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "exactly one <" + name + "> expected");
        return found.get(0);
    }

    static String text(Node parent, String name) {
        return child(parent, name).getTextContent();
    }

    /** Asserts the spec's error document: a root errors with error children of code and description. */
    static void assertXmlErrors(String body, int code) {
        Document document = xml(body);
        assertEquals("errors", document.getDocumentElement().getTagName());
        List<Element> errors = children(document.getDocumentElement(), "error");
        assertTrue(!errors.isEmpty(), "at least one <error>");
        for (Element error : errors) {
            assertEquals(String.valueOf(code), text(error, "code"));
            assertTrue(!text(error, "description").isBlank());
        }
    }
}
