package kz.citizenrequests.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import kz.citizenrequests.TestData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ReportResourceTest {

    private static final String LEADER = kz.citizenrequests.Tokens.leadership(null);

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Almaty"));

    private static int received(Map<String, String> filters) {
        return given().auth().oauth2(LEADER).queryParams(filters).get("/api/v1/reports/summary")
                .then().statusCode(200).extract().path("received");
    }

    @Test
    void summaryCountsANewSubmissionInItsRegionCategoryAndChannel() {
        Map<String, String> filters = Map.of("region", "KZ-62", "category", "agriculture", "channel", "phone");
        int before = received(filters);
        TestData.submit(TestData.with(TestData.with(TestData.with(TestData.submission(), "region", "KZ-62"),
                "category", "agriculture"), "channel", "phone"));
        assertEquals(before + 1, received(filters));
        given().auth().oauth2(LEADER).queryParams(filters).get("/api/v1/reports/summary").then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("query.region", equalTo("KZ-62"))
                .body("query.to", equalTo(TODAY.toString()))
                .body("query.from", equalTo(TODAY.minusDays(29).toString()))
                .body("asOf", equalTo(TODAY.toString()));
    }

    @Test
    void timeseriesHasOneBucketPerDayWeekOrMonthStartingOnItsFirstDay() {
        String from = "2026-01-28";
        String to = "2026-03-03";
        given().auth().oauth2(LEADER).queryParams(Map.of("interval", "month", "from", from, "to", to)).get("/api/v1/reports/timeseries").then()
                .statusCode(200)
                .body("interval", equalTo("month"))
                .body("buckets.period", contains("2026-01-01", "2026-02-01", "2026-03-01"));
        given().auth().oauth2(LEADER).queryParams(Map.of("interval", "week", "from", "2026-03-04", "to", "2026-03-16")).get("/api/v1/reports/timeseries").then()
                .statusCode(200)
                .body("buckets.period", contains("2026-03-02", "2026-03-09", "2026-03-16"));
        given().auth().oauth2(LEADER).queryParams(Map.of("interval", "day", "from", "2026-03-04", "to", "2026-03-05")).get("/api/v1/reports/timeseries").then()
                .statusCode(200)
                .body("buckets.period", contains("2026-03-04", "2026-03-05"))
                .body("buckets[0].received", equalTo(0));
    }

    @Test
    void timeseriesOfTodayCountsTodaysSubmissions() {
        TestData.submit(TestData.with(TestData.submission(), "region", "KZ-62"));
        int received = given().auth().oauth2(LEADER).queryParams(Map.of("interval", "day", "from", TODAY.toString(), "region", "KZ-62"))
                .get("/api/v1/reports/timeseries").then().statusCode(200)
                .body("buckets", hasSize(1)).extract().path("buckets[0].received");
        assertEquals(received(Map.of("from", TODAY.toString(), "region", "KZ-62")), received);
    }

    @Test
    void breakdownByRegionHasTheRegionsWithRequestsAndByStatusEveryStatus() {
        TestData.submit(TestData.with(TestData.submission(), "region", "KZ-62"));
        given().auth().oauth2(LEADER).queryParam("by", "region").get("/api/v1/reports/breakdown").then()
                .statusCode(200)
                .body("by", equalTo("region"))
                .body("rows.key", hasItem("KZ-62"));
        given().auth().oauth2(LEADER).queryParam("by", "status").get("/api/v1/reports/breakdown").then()
                .statusCode(200)
                .body("rows.key", org.hamcrest.Matchers.containsInAnyOrder("SUBMITTED", "REGISTERED", "IN_PROGRESS",
                        "RESOLVED", "CLOSED", "WITHDRAWN"));
    }

    @Test
    void csvOfEachReportHasAHeaderRowAndTheFiguresOfTheJson() throws IOException {
        TestData.submit(TestData.with(TestData.submission(), "region", "KZ-62"));
        Map<String, String> filters = Map.of("region", "KZ-62");

        List<CSVRecord> summary = csv(given().auth().oauth2(LEADER).queryParams(filters).accept("text/csv").get("/api/v1/reports/summary")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract());
        assertEquals(1, summary.size());
        assertEquals(String.valueOf(received(filters)), summary.get(0).get("received"));
        assertEquals("KZ-62", summary.get(0).get("region"));

        ExtractableResponse<Response> breakdown = given().auth().oauth2(LEADER).queryParams(filters).queryParam("by", "category")
                .accept("text/csv").get("/api/v1/reports/breakdown").then().statusCode(200)
                .header("Content-Disposition", startsWith("attachment; filename=\"breakdown-category-")).extract();
        List<CSVRecord> rows = csv(breakdown);
        List<Map<String, Object>> json = given().auth().oauth2(LEADER).queryParams(filters).queryParam("by", "category")
                .get("/api/v1/reports/breakdown").then().extract().path("rows");
        assertEquals(json.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(json.get(i).get("key"), rows.get(i).get("category"));
            assertEquals(String.valueOf(json.get(i).get("received")), rows.get(i).get("received"));
        }

        List<CSVRecord> series = csv(given().auth().oauth2(LEADER).queryParams(filters).queryParam("interval", "day")
                .queryParam("from", TODAY.minusDays(2).toString()).accept("text/csv")
                .get("/api/v1/reports/timeseries").then().statusCode(200).extract());
        assertEquals(3, series.size());
        assertEquals(TODAY.toString(), series.get(2).get("period"));
    }

    @Test
    void jsonIsTheDefaultAndPreferredOverCsvWhenBothAreAccepted() {
        given().auth().oauth2(LEADER).accept("application/json, text/csv;q=0.5").get("/api/v1/reports/summary").then()
                .statusCode(200).contentType(startsWith("application/json"));
        given().auth().oauth2(LEADER).accept("*/*").get("/api/v1/reports/summary").then()
                .statusCode(200).contentType(startsWith("application/json"));
    }

    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource({
            "summary, from, 2026-13-01, from",
            "summary, to, yesterday, to",
            "summary, region, KZ-99, region",
            "summary, region, 'KZ 71;', region",
            "summary, branch, NOPE-RB, branch",
            "summary, category, unicorns, category",
            "summary, type, petition, type",
            "summary, channel, fax, channel",
            "timeseries, interval, year, interval",
            "breakdown, by, district, by",
    })
    void rejectsInvalidParametersWithAProblemNamingThem(String report, String parameter, String value, String field) {
        var request = given().auth().oauth2(LEADER).queryParam(parameter, value);
        if (report.equals("breakdown") && !parameter.equals("by")) {
            request = request.queryParam("by", "region");
        }
        request.get("/api/v1/reports/" + report).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:citizen-requests:problem:invalid-input"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void rejectsAPeriodThatEndsBeforeItStarts() {
        for (String report : List.of("summary", "timeseries", "breakdown?by=region")) {
            given().auth().oauth2(LEADER).queryParam("from", "2026-03-02").queryParam("to", "2026-03-01").get("/api/v1/reports/" + report).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("from"))
                    .body("errors[0].message", equalTo("must not be after to"));
        }
    }

    @Test
    void rejectsAPeriodLongerThanConfigured() {
        given().auth().oauth2(LEADER).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01").get("/api/v1/reports/summary").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].message", equalTo("the period may cover at most 1830 days"));
        given().auth().oauth2(LEADER).queryParam("from", "2021-01-01").queryParam("to", "2026-01-03").get("/api/v1/reports/summary").then()
                .statusCode(200);
    }

    @Test
    void breakdownWithoutByIsRefused() {
        given().auth().oauth2(LEADER).get("/api/v1/reports/breakdown").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("by"));
    }

    @Test
    void reportsCarryNoPersonalData() {
        String name = "Zhanna Unique-Reportname";
        TestData.submit(TestData.withCitizen(TestData.with(TestData.submission(), "region", "KZ-62"), "fullName", name));
        for (String path : List.of("summary", "timeseries", "breakdown?by=branch", "breakdown?by=status")) {
            String body = given().auth().oauth2(LEADER).queryParam("region", "KZ-62").get("/api/v1/reports/" + path).then().statusCode(200)
                    .extract().asString();
            for (String secret : List.of(name, TestData.VALID_IIN, "+7 701", "@example.kz", "Kabanbay", "hot water")) {
                org.junit.jupiter.api.Assertions.assertFalse(body.contains(secret), path + " shows " + secret);
            }
        }
    }

    private static List<CSVRecord> csv(ExtractableResponse<Response> response) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.asString())).getRecords();
    }
}
