package kz.citizenrequests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the OpenAPI document, called by every role and without a token,
 * answers what this table says. A new endpoint without a row here fails the test.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    enum Who { NONE, CITIZEN, OPERATOR, BRANCH_HEAD, LEADERSHIP, ADMIN }

    /** How to call one endpoint with a prepared request specification (token already set). */
    interface Call extends BiFunction<RequestSpecification, Who, Integer> {
    }

    record Row(Call call, Map<Who, Integer> expected) {
    }

    private static Map<Who, Integer> statuses(int none, int citizen, int operator, int head, int leadership, int admin) {
        Map<Who, Integer> map = new EnumMap<>(Who.class);
        map.put(Who.NONE, none);
        map.put(Who.CITIZEN, citizen);
        map.put(Who.OPERATOR, operator);
        map.put(Who.BRANCH_HEAD, head);
        map.put(Who.LEADERSHIP, leadership);
        map.put(Who.ADMIN, admin);
        return map;
    }

    private static Map<Who, Integer> everyone(int status) {
        return statuses(status, status, status, status, status, status);
    }

    private static Map<Who, Integer> only(Who who, int status) {
        Map<Who, Integer> map = statuses(401, 403, 403, 403, 403, 403);
        map.put(who, status);
        return map;
    }

    /** The table: "METHOD path" as in the OpenAPI document. */
    private Map<String, Row> table() {
        Map<String, Row> rows = new LinkedHashMap<>();
        rows.put("GET /api/v1/regions", new Row((spec, who) -> spec.get("/api/v1/regions").statusCode(), everyone(200)));
        rows.put("GET /api/v1/districts", new Row((spec, who) -> spec.get("/api/v1/districts").statusCode(), everyone(200)));
        rows.put("GET /api/v1/branches", new Row((spec, who) -> spec.get("/api/v1/branches").statusCode(), everyone(200)));
        rows.put("GET /api/v1/categories", new Row((spec, who) -> spec.get("/api/v1/categories").statusCode(), everyone(200)));
        rows.put("POST /api/v1/requests", new Row((spec, who) -> spec.contentType(ContentType.JSON)
                .body(TestData.submission()).post("/api/v1/requests").statusCode(), everyone(201)));
        rows.put("GET /api/v1/requests", new Row((spec, who) -> spec.get("/api/v1/requests").statusCode(),
                statuses(401, 403, 200, 200, 403, 403)));
        rows.put("GET /api/v1/requests/{trackingNumber}", new Row((spec, who) -> spec
                .get("/api/v1/requests/{tn}", TestData.submitted()).statusCode(),
                statuses(401, 404, 200, 200, 403, 403)));
        rows.put("GET /api/v1/requests/{trackingNumber}/history", new Row((spec, who) -> spec
                .get("/api/v1/requests/{tn}/history", TestData.submitted()).statusCode(),
                statuses(401, 404, 200, 200, 403, 403)));
        rows.put("POST /api/v1/requests/{trackingNumber}/transitions", new Row((spec, who) -> spec
                .contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of("action", "comment", "note", "n"))
                .post("/api/v1/requests/{tn}/transitions", TestData.submitted()).statusCode(),
                statuses(401, 404, 200, 200, 403, 403)));
        rows.put("GET /api/v1/notices", new Row((spec, who) -> spec.get("/api/v1/notices").statusCode(),
                statuses(401, 403, 200, 200, 403, 403)));
        rows.put("GET /api/v1/citizen/requests", new Row((spec, who) -> spec.get("/api/v1/citizen/requests").statusCode(),
                only(Who.CITIZEN, 200)));
        rows.put("GET /api/v1/admin/access-log", new Row((spec, who) -> spec.get("/api/v1/admin/access-log").statusCode(),
                only(Who.ADMIN, 200)));
        rows.put("GET /api/v1/admin/calendar/{year}", new Row((spec, who) -> spec.get("/api/v1/admin/calendar/2026").statusCode(),
                only(Who.ADMIN, 200)));
        rows.put("PUT /api/v1/admin/calendar/days/{day}", new Row((spec, who) -> spec.contentType(ContentType.JSON)
                .body(Map.of("working", false, "note", "Matrix test")).put("/api/v1/admin/calendar/days/2099-12-31").statusCode(),
                only(Who.ADMIN, 200)));
        rows.put("DELETE /api/v1/admin/calendar/days/{day}", new Row((spec, who) -> {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("working", false, "note", "Matrix test")).put("/api/v1/admin/calendar/days/2099-12-30");
            return spec.delete("/api/v1/admin/calendar/days/2099-12-30").statusCode();
        }, only(Who.ADMIN, 204)));
        rows.put("GET /api/v1/admin/branches", new Row((spec, who) -> spec.get("/api/v1/admin/branches").statusCode(),
                only(Who.ADMIN, 200)));
        rows.put("PUT /api/v1/admin/branches/{code}", new Row((spec, who) -> spec.contentType(ContentType.JSON)
                .body(Map.of("kind", "district", "region", "KZ-11", "district", "KZ-11-02",
                        "names", Map.of("kk", "Сынақ", "ru", "Тест", "en", "Matrix"), "active", false))
                .put("/api/v1/admin/branches/AKM-M01").statusCode(), only(Who.ADMIN, 200)));
        rows.put("GET /api/v1/admin/categories", new Row((spec, who) -> spec.get("/api/v1/admin/categories").statusCode(),
                only(Who.ADMIN, 200)));
        rows.put("PUT /api/v1/admin/categories/{code}", new Row((spec, who) -> spec.contentType(ContentType.JSON)
                .body(Map.of("names", Map.of("kk", "a", "ru", "b", "en", "c"), "descriptions", Map.of("kk", "a", "ru", "b", "en", "c"),
                        "sortOrder", 99, "active", false))
                .put("/api/v1/admin/categories/matrix_test").statusCode(), only(Who.ADMIN, 200)));
        rows.put("GET /api/v1/admin/routing-rules", new Row((spec, who) -> spec.get("/api/v1/admin/routing-rules").statusCode(),
                only(Who.ADMIN, 200)));
        rows.put("POST /api/v1/admin/routing-rules", new Row((spec, who) -> {
            int status = spec.contentType(ContentType.JSON)
                    .body(Map.of("region", "KZ-43", "category", "ecology", "branch", "KZO-D01"))
                    .post("/api/v1/admin/routing-rules").statusCode();
            if (status == 201) {
                removeRule("KZ-43", "ecology");
            }
            return status;
        }, only(Who.ADMIN, 201)));
        rows.put("DELETE /api/v1/admin/routing-rules/{id}", new Row((spec, who) -> {
            int id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("region", "KZ-43", "category", "agriculture", "branch", "KZO-D01"))
                    .post("/api/v1/admin/routing-rules").then().statusCode(201).extract().path("id");
            int status = spec.delete("/api/v1/admin/routing-rules/{id}", id).statusCode();
            if (status != 204) {
                removeRule("KZ-43", "agriculture");
            }
            return status;
        }, only(Who.ADMIN, 204)));
        rows.put("GET /api/v1/admin/open311-keys", new Row((spec, who) -> spec.get("/api/v1/admin/open311-keys").statusCode(),
                only(Who.ADMIN, 200)));
        rows.put("POST /api/v1/admin/open311-keys", new Row((spec, who) -> spec.contentType(ContentType.JSON)
                .body(Map.of("client", "matrix")).post("/api/v1/admin/open311-keys").statusCode(), only(Who.ADMIN, 201)));
        rows.put("DELETE /api/v1/admin/open311-keys/{id}", new Row((spec, who) -> {
            int id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("client", "matrix"))
                    .post("/api/v1/admin/open311-keys").then().statusCode(201).extract().path("key.id");
            return spec.delete("/api/v1/admin/open311-keys/{id}", id).statusCode();
        }, only(Who.ADMIN, 200)));
        rows.put("PUT /api/v1/admin/open311-keys/{id}/daily-quota", new Row((spec, who) -> {
            int id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("client", "matrix"))
                    .post("/api/v1/admin/open311-keys").then().statusCode(201).extract().path("key.id");
            return spec.contentType(ContentType.JSON).body(Map.of("dailyQuota", 100))
                    .put("/api/v1/admin/open311-keys/{id}/daily-quota", id).statusCode();
        }, only(Who.ADMIN, 200)));
        rows.put("GET /api/v1/admin/notifications/failed", new Row((spec, who) -> spec
                .get("/api/v1/admin/notifications/failed").statusCode(), only(Who.ADMIN, 200)));
        // no notification has this id: an administrator is let through to the 404
        rows.put("POST /api/v1/admin/notifications/{id}/resend", new Row((spec, who) -> spec
                .post("/api/v1/admin/notifications/999999999/resend").statusCode(), only(Who.ADMIN, 404)));
        rows.put("GET /api/v1/requests/{trackingNumber}/answer-drafts", new Row((spec, who) -> spec
                .get("/api/v1/requests/{tn}/answer-drafts", TestData.submitted()).statusCode(),
                statuses(401, 403, 200, 200, 403, 403)));
        rows.put("GET /api/v1/admin/answer-templates", new Row((spec, who) -> spec
                .get("/api/v1/admin/answer-templates").statusCode(), only(Who.ADMIN, 200)));
        rows.put("POST /api/v1/admin/answer-templates", new Row((spec, who) -> spec.contentType(ContentType.JSON)
                .body(answerTemplate()).post("/api/v1/admin/answer-templates").statusCode(), only(Who.ADMIN, 201)));
        rows.put("GET /api/v1/admin/answer-templates/{id}", new Row((spec, who) -> spec
                .get("/api/v1/admin/answer-templates/{id}", newAnswerTemplate()).statusCode(), only(Who.ADMIN, 200)));
        rows.put("PUT /api/v1/admin/answer-templates/{id}", new Row((spec, who) -> spec.contentType(ContentType.JSON)
                .header("If-Match", "\"0\"").body(answerTemplate())
                .put("/api/v1/admin/answer-templates/{id}", newAnswerTemplate()).statusCode(), only(Who.ADMIN, 200)));
        rows.put("DELETE /api/v1/admin/answer-templates/{id}", new Row((spec, who) -> spec
                .delete("/api/v1/admin/answer-templates/{id}", newAnswerTemplate()).statusCode(), only(Who.ADMIN, 204)));
        rows.put("GET /api/v1/reports/summary", new Row((spec, who) -> spec.get("/api/v1/reports/summary").statusCode(),
                only(Who.LEADERSHIP, 200)));
        rows.put("GET /api/v1/reports/timeseries", new Row((spec, who) -> spec.get("/api/v1/reports/timeseries").statusCode(),
                only(Who.LEADERSHIP, 200)));
        rows.put("GET /api/v1/reports/breakdown", new Row((spec, who) -> spec.queryParam("by", "region")
                .get("/api/v1/reports/breakdown").statusCode(), only(Who.LEADERSHIP, 200)));
        // Open311 is public (the api_key, not a token, admits a submission); tokens are ignored there
        rows.put("GET /open311/v2/discovery.{format}", new Row((spec, who) -> spec.get("/open311/v2/discovery.json").statusCode(), everyone(200)));
        rows.put("GET /open311/v2/services.{format}", new Row((spec, who) -> spec.get("/open311/v2/services.json").statusCode(), everyone(200)));
        rows.put("GET /open311/v2/services/{service_code}.{format}", new Row((spec, who) -> spec
                .get("/open311/v2/services/ecology.xml").statusCode(), everyone(200)));
        rows.put("GET /open311/v2/requests.{format}", new Row((spec, who) -> spec.get("/open311/v2/requests.json").statusCode(), everyone(200)));
        rows.put("GET /open311/v2/requests/{service_request_id}.{format}", new Row((spec, who) -> spec
                .get("/open311/v2/requests/{id}.json", TestData.submitted()).statusCode(), everyone(200)));
        rows.put("GET /open311/v2/tokens/{token}.{format}", new Row((spec, who) -> spec
                .get("/open311/v2/tokens/t-1.json").statusCode(), everyone(404)));
        rows.put("POST /open311/v2/requests.{format}", new Row((spec, who) -> spec
                .contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("api_key", open311Key())
                .formParam("service_code", "ecology").formParam("lat", "43.24").formParam("long", "76.89")
                .formParam("first_name", "Dana").formParam("last_name", "Ermekova").formParam("email", "dana@example.kz")
                .formParam("description", "Smoke over the ring road")
                .post("/open311/v2/requests.json").statusCode(), everyone(200)));
        rows.put("GET /open311/v2/servicerequestupdates.{format}", new Row((spec, who) -> spec
                .queryParam("api_key", open311Key()).get("/open311/v2/servicerequestupdates.xml").statusCode(), everyone(200)));
        // the same update_id each time: a retry, stored once
        rows.put("POST /open311/v2/servicerequestupdates.{format}", new Row((spec, who) -> spec
                .contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("api_key", open311Key()).formParam("service_request_id", open311Request())
                .formParam("update_id", "matrix-1").formParam("description", "Still smoky")
                .post("/open311/v2/servicerequestupdates.json").statusCode(), everyone(200)));
        return rows;
    }

    private String open311Request;

    private String open311Request() {
        if (open311Request == null) {
            open311Request = given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                    .formParam("api_key", open311Key()).formParam("service_code", "ecology")
                    .formParam("lat", "43.24").formParam("long", "76.89")
                    .formParam("first_name", "Dana").formParam("description", "Smoke over the ring road")
                    .post("/open311/v2/requests.json").then().statusCode(200).extract().path("[0].service_request_id");
        }
        return open311Request;
    }

    private String open311Key;

    private String open311Key() {
        if (open311Key == null) {
            open311Key = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("client", "matrix"))
                    .post("/api/v1/admin/open311-keys").then().statusCode(201).extract().path("apiKey");
        }
        return open311Key;
    }

    /** An inactive template, so that staff are not offered what this test leaves behind. */
    private static Map<String, Object> answerTemplate() {
        return Map.of("language", "ru", "title", "Matrix test", "body", "Обращение № {tracking_number}.", "active", false);
    }

    private static int newAnswerTemplate() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(answerTemplate())
                .post("/api/v1/admin/answer-templates").then().statusCode(201).extract().path("id");
    }

    private static void removeRule(String region, String category) {
        Integer id = given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/routing-rules").then().extract()
                .path("find { it.region == '" + region + "' && it.category == '" + category + "' }.id");
        given().auth().oauth2(Tokens.admin()).delete("/api/v1/admin/routing-rules/{id}", id).then().statusCode(204);
    }

    private static RequestSpecification as(Who who) {
        RequestSpecification spec = given();
        return switch (who) {
            case NONE -> spec;
            case CITIZEN -> spec.auth().oauth2(Tokens.newCitizen());
            case OPERATOR -> spec.auth().oauth2(Tokens.operator("AST-RB"));
            case BRANCH_HEAD -> spec.auth().oauth2(Tokens.head("AST-RB"));
            case LEADERSHIP -> spec.auth().oauth2(Tokens.leadership(null));
            case ADMIN -> spec.auth().oauth2(Tokens.admin());
        };
    }

    private static List<String> routes() throws IOException {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        List<String> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> routes.add(method.toUpperCase() + " " + path.getKey()));
        }
        return routes;
    }

    @Test
    void everyEndpointAnswersEveryRoleAsTheTableSays() throws IOException {
        Map<String, Row> table = table();
        List<String> faults = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>(routes());
        missing.removeAll(table.keySet());
        for (String route : missing) {
            faults.add(route + ": no row in the authorization matrix");
        }
        for (Map.Entry<String, Row> row : table.entrySet()) {
            for (Who who : Who.values()) {
                int actual = row.getValue().call().apply(as(who), who);
                int expected = row.getValue().expected().get(who);
                if (actual != expected) {
                    faults.add(row.getKey() + " as " + who + ": expected " + expected + ", got " + actual);
                }
            }
        }
        TreeSet<String> stale = new TreeSet<>(table.keySet());
        stale.removeAll(routes());
        for (String route : stale) {
            faults.add(route + ": in the matrix but not in the API");
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }
}
