package kz.citizenrequests.administration;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.TestData.submission;
import static kz.citizenrequests.TestData.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AdministrationResourceTest {

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    private static Map<String, Object> names(String name) {
        return Map.of("kk", name + " (kk)", "ru", name + " (ru)", "en", name);
    }

    @Test
    void aNewRoutingRuleRoutesNewRequestsAndRemovingItRestoresTheFallback() {
        Map<String, Object> education = with(with(submission(), "region", "KZ-55"), "category", "education");
        assertEquals("PAV-RB", TestData.submit(education).path("branch.code"));

        int id = admin().body(Map.of("region", "KZ-55", "category", "education", "branch", "PAV-D02"))
                .post("/api/v1/admin/routing-rules").then().statusCode(201)
                .body("branch", equalTo("PAV-D02")).extract().path("id");
        try {
            assertEquals("PAV-D02", TestData.submit(education).path("branch.code"));
            admin().body(Map.of("region", "KZ-55", "category", "education", "branch", "PAV-D01"))
                    .post("/api/v1/admin/routing-rules").then().statusCode(409).contentType("application/problem+json");
            admin().get("/api/v1/admin/routing-rules").then().statusCode(200).body("id", hasItem(id));
        } finally {
            admin().delete("/api/v1/admin/routing-rules/{id}", id).then().statusCode(204);
        }
        assertEquals("PAV-RB", TestData.submit(education).path("branch.code"));
        admin().delete("/api/v1/admin/routing-rules/{id}", id).then().statusCode(404);
    }

    @Test
    void refusesARuleWithUnknownCodes() {
        admin().body(Map.of("region", "KZ-55", "district", "KZ-71-01", "category", "weather", "branch", "NOPE"))
                .post("/api/v1/admin/routing-rules").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("district", "category", "branch"));
    }

    @Test
    void definesABranchAndClosingItTakesItOutOfTheCatalogue() {
        Map<String, Object> branch = Map.of("kind", "district", "region", "KZ-11", "district", "KZ-11-01",
                "names", names("Test district branch"), "active", true);
        admin().body(branch).put("/api/v1/admin/branches/AKM-T99").then().statusCode(200)
                .body("code", equalTo("AKM-T99")).body("names.en", equalTo("Test district branch"));
        given().get("/api/v1/branches").then().body("code", hasItem("AKM-T99"));
        admin().body(with(branch, "active", false)).put("/api/v1/admin/branches/AKM-T99").then().statusCode(200);
        given().get("/api/v1/branches").then().body("code", not(hasItem("AKM-T99")));
        admin().get("/api/v1/admin/branches").then().body("find { it.code == 'AKM-T99' }.active", equalTo(false));
    }

    @Test
    void refusesASecondActiveRegionalBranch() {
        admin().body(Map.of("kind", "regional", "region", "KZ-11", "names", names("Second"), "active", true))
                .put("/api/v1/admin/branches/AKM-RB2").then().statusCode(409).contentType("application/problem+json");
        admin().body(Map.of("kind", "district", "region", "KZ-11", "names", names("No district"), "active", true))
                .put("/api/v1/admin/branches/AKM-T98").then().statusCode(400).body("errors.field", hasItem("district"));
        admin().body(Map.of("kind", "bureau", "region", "KZ-11", "names", names("X"), "active", true))
                .put("/api/v1/admin/branches/AKM-T97").then().statusCode(400).body("errors.field", hasItem("kind"));
    }

    @Test
    void definesACategory() {
        admin().body(Map.of("names", names("Culture"), "descriptions", names("Museums and theatres"), "sortOrder", 20, "active", true))
                .put("/api/v1/admin/categories/culture").then().statusCode(200).body("code", equalTo("culture"));
        given().get("/api/v1/categories").then().body("code", hasItem("culture"));
        TestData.submit(with(submission(), "category", "culture"));
        admin().body(Map.of("names", names("Culture"), "descriptions", names("Museums and theatres"), "sortOrder", 20, "active", false))
                .put("/api/v1/admin/categories/culture").then().statusCode(200);
        given().contentType(ContentType.JSON).body(with(submission(), "category", "culture")).post("/api/v1/requests")
                .then().statusCode(400).body("errors.field", hasItem("category"));
        admin().body(Map.of("names", names("X"), "descriptions", names("X"), "sortOrder", 1, "active", true))
                .put("/api/v1/admin/categories/{code}", "Bad Code").then().statusCode(400);
        // a float is not rounded into the integer sort order
        admin().body(Map.of("names", names("Culture"), "descriptions", names("Museums"), "sortOrder", 4.9e-324, "active", true))
                .put("/api/v1/admin/categories/culture").then().statusCode(400).body("errors.field", hasItem("sortOrder"));
    }

    @Test
    void aNewHolidayMovesTheDueDateOfNewRequests() {
        LocalDate before = LocalDate.parse(TestData.submit(submission()).path("dueDate"));
        // declare the last working day before the due date a holiday
        LocalDate holiday = before.minusDays(1);
        while (holiday.getDayOfWeek().getValue() >= 6) {
            holiday = holiday.minusDays(1);
        }
        boolean hadException = !admin().get("/api/v1/admin/calendar/{year}", holiday.getYear()).then().extract()
                .jsonPath().getList("findAll { it.day == '" + holiday + "' }").isEmpty();
        org.junit.jupiter.api.Assumptions.assumeFalse(hadException, "the chosen day already has an exception");
        admin().body(Map.of("working", false, "note", "Test holiday")).put("/api/v1/admin/calendar/days/{day}", holiday.toString())
                .then().statusCode(200).body("working", equalTo(false));
        try {
            LocalDate after = LocalDate.parse(TestData.submit(submission()).path("dueDate"));
            assertTrue(after.isAfter(before), before + " -> " + after);
            admin().get("/api/v1/admin/calendar/{year}", holiday.getYear()).then()
                    .body("find { it.day == '" + holiday + "' }.note", equalTo("Test holiday"));
        } finally {
            admin().delete("/api/v1/admin/calendar/days/{day}", holiday.toString()).then().statusCode(204);
        }
        assertEquals(before, LocalDate.parse(TestData.submit(submission()).path("dueDate")));
    }

    @Test
    void refusesBadCalendarInput() {
        admin().body(Map.of("working", false, "note", "x")).put("/api/v1/admin/calendar/days/{day}", "2026-02-30")
                .then().statusCode(400).body("errors.field", hasItem("day"));
        admin().body(Map.of("note", "x")).put("/api/v1/admin/calendar/days/{day}", "2026-02-03")
                .then().statusCode(400).body("errors.field", hasItem("working"));
        admin().get("/api/v1/admin/calendar/{year}", "abc").then().statusCode(400);
    }
}
