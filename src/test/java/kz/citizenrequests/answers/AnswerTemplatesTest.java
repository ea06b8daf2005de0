package kz.citizenrequests.answers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AnswerTemplatesTest {

    private static final String TEMPLATES = "/api/v1/admin/answer-templates";
    private static final String DRAFTS = "/api/v1/requests/{tn}/answer-drafts";
    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "urn:citizen-requests:problem:";
    private static final ZoneId KAZAKHSTAN = ZoneId.of("Asia/Almaty");
    private static final String ALL_PLACEHOLDERS =
            "№ {tracking_number} | {received_on} | {due_on} | {branch} | «{category}» | {today}";

    // written out here rather than taken from the service's formatter, so a wrong form fails
    private static final String[] RU_MONTHS = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
            "августа", "сентября", "октября", "ноября", "декабря"};
    private static final String[] KK_MONTHS = {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде",
            "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"};
    private static final String[] EN_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    private static Map<String, Object> template(String category, String language, String title, String body) {
        Map<String, Object> command = new HashMap<>();
        command.put("category", category);
        command.put("language", language);
        command.put("title", title);
        command.put("body", body);
        command.put("active", true);
        return command;
    }

    private static String unique(String title) {
        return title + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int create(Map<String, Object> command) {
        return admin().body(command).post(TEMPLATES).then().statusCode(201).extract().path("id");
    }

    private static String ru(LocalDate d) {
        return d.getDayOfMonth() + " " + RU_MONTHS[d.getMonthValue() - 1] + " " + d.getYear() + " г.";
    }

    private static String kk(LocalDate d) {
        return d.getYear() + " ж. " + d.getDayOfMonth() + " " + KK_MONTHS[d.getMonthValue() - 1];
    }

    private static String en(LocalDate d) {
        return d.getDayOfMonth() + " " + EN_MONTHS[d.getMonthValue() - 1] + " " + d.getYear();
    }

    private static ExtractableResponse<Response> drafts(String token, String trackingNumber, String language) {
        RequestSpecification request = given().auth().oauth2(token);
        if (language != null) {
            request.queryParam("language", language);
        }
        return request.get(DRAFTS, trackingNumber).then().extract();
    }

    @Test
    void anAdministratorCreatesReadsAndRedefinesATemplateAtItsVersion() {
        String title = unique("Ответ по ЖКХ");
        ExtractableResponse<Response> created = admin()
                .body(template("housing_utilities", "ru", "  " + title + "  ", "Обращение № {tracking_number} рассмотрено."))
                .post(TEMPLATES).then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("category", equalTo("housing_utilities")).body("language", equalTo("ru"))
                .body("title", equalTo(title)).body("body", equalTo("Обращение № {tracking_number} рассмотрено."))
                .body("active", equalTo(true)).body("version", equalTo(0)).body("createdAt", notNullValue())
                .extract();
        int id = created.path("id");
        assertTrue(created.header("Location").endsWith(TEMPLATES + "/" + id), created.header("Location"));

        admin().get(TEMPLATES + "/{id}", id).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("title", equalTo(title));
        admin().queryParam("category", "housing_utilities").queryParam("language", "ru").get(TEMPLATES)
                .then().statusCode(200).body("id", hasItem(id)).body("category", everyItem(equalTo("housing_utilities")))
                .body("language", everyItem(equalTo("ru")));
        admin().queryParam("language", "kk").get(TEMPLATES).then().statusCode(200).body("id", not(hasItem(id)));

        Map<String, Object> changed = template(null, "ru", title + " (общий)", "Обращение № {tracking_number} от {received_on}.");
        admin().header("If-Match", "\"0\"").body(changed).put(TEMPLATES + "/{id}", id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("version", equalTo(1)).body("category", nullValue())
                .body("title", equalTo(title + " (общий)")).body("body", equalTo("Обращение № {tracking_number} от {received_on}."));

        // someone who read version 0 cannot overwrite the change
        admin().header("If-Match", "\"0\"").body(template(null, "ru", "stale", "x")).put(TEMPLATES + "/{id}", id)
                .then().statusCode(412).contentType(PROBLEM).body("type", equalTo(TYPES + "stale-version"))
                .body("detail", containsString("answer template"));
        admin().body(template(null, "ru", "no version", "x")).put(TEMPLATES + "/{id}", id)
                .then().statusCode(428).contentType(PROBLEM).body("type", equalTo(TYPES + "version-required"));
        admin().header("If-Match", "yesterday").body(template(null, "ru", "bad version", "x")).put(TEMPLATES + "/{id}", id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("If-Match"));
        admin().get(TEMPLATES + "/{id}", id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("title", equalTo(title + " (общий)"));

        admin().get(TEMPLATES + "/{id}", 999_999_999).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "answer-template-not-found"));
        admin().header("If-Match", "\"0\"").body(changed).put(TEMPLATES + "/{id}", 999_999_999)
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void refusesUnknownPlaceholdersNamingThemAndStoresNothing() {
        String title = unique("With the citizen's name");
        admin().body(template(null, "ru", title, "Уважаемый {name}! Обращение № {tracking_number}, ИИН {iin}, {name}, {Branch}."))
                .post(TEMPLATES).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "invalid-input"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", allOf(containsString("{name}, {iin}, {Branch}"),
                        not(containsString("unknown placeholders {tracking_number}")),
                        containsString("personal data")));
        admin().get(TEMPLATES).then().statusCode(200).body("title", not(hasItem(title)));

        // a redefinition is held to the same rule, and the template stays as it was
        int id = create(template(null, "en", unique("Plain"), "Appeal No. {tracking_number}."));
        admin().header("If-Match", "\"0\"").body(template(null, "en", "Plain", "Appeal No. {number}."))
                .put(TEMPLATES + "/{id}", id).then().statusCode(400).body("errors.field", equalTo(List.of("body")))
                .body("errors[0].message", allOf(containsString("{number}"), not(containsString("personal data"))));
        admin().get(TEMPLATES + "/{id}", id).then().body("body", equalTo("Appeal No. {tracking_number}.")).body("version", equalTo(0));
    }

    @Test
    void refusesOverLongTextsAnUnknownCategoryAndAMissingLanguage() {
        admin().body(template(null, "ru", "x".repeat(121), "Ответ.")).post(TEMPLATES)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("title")));
        admin().body(template(null, "ru", "Длинный", "x".repeat(4001))).post(TEMPLATES)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("body")));
        int atTheLimit = create(template(null, "kk", "x".repeat(120), "x".repeat(4000)));
        admin().get(TEMPLATES + "/{id}", atTheLimit).then().statusCode(200).body("body.length()", equalTo(4000));
        admin().delete(TEMPLATES + "/{id}", atTheLimit).then().statusCode(204);

        admin().body(template("weather", "ru", "Погода", "Ответ.")).post(TEMPLATES)
                .then().statusCode(400).body("errors.field", equalTo(List.of("category")));
        admin().body(template(null, "de", "Deutsch", "Antwort.")).post(TEMPLATES)
                .then().statusCode(400).body("errors.field", hasItem("language"));
        Map<String, Object> noLanguage = template(null, null, "Без языка", "Ответ.");
        admin().body(noLanguage).post(TEMPLATES).then().statusCode(400).body("errors.field", hasItem("language"));
        admin().queryParam("active", "maybe").get(TEMPLATES).then().statusCode(400).body("errors.field", hasItem("active"));
    }

    @Test
    void onlyAdministratorsKeepTemplates() {
        Map<String, Object> command = template(null, "ru", "Чужой", "Ответ.");
        for (String token : List.of(Tokens.operator("AST-RB"), Tokens.head("AST-RB"), Tokens.leadership(null),
                Tokens.leadership("KZ-71"), Tokens.newCitizen())) {
            given().auth().oauth2(token).get(TEMPLATES).then().statusCode(403).contentType(PROBLEM)
                    .body("type", equalTo(TYPES + "forbidden"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(command).post(TEMPLATES)
                    .then().statusCode(403).contentType(PROBLEM);
            given().auth().oauth2(token).delete(TEMPLATES + "/1").then().statusCode(403).contentType(PROBLEM);
        }
        given().get(TEMPLATES).then().statusCode(401).contentType(PROBLEM).body("type", equalTo(TYPES + "unauthenticated"));
        given().contentType(ContentType.JSON).body(command).post(TEMPLATES).then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(command).put(TEMPLATES + "/1")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void draftsAreFilledFromTheRequestInTheLanguageAskedAndTheRequestsByDefault() {
        ExtractableResponse<Response> receipt = TestData.submit(TestData.submission()); // Astana, housing, ru
        String tn = receipt.path("trackingNumber");
        assertEquals("AST-RB", TestData.branchOf(tn));
        LocalDate receivedOn = LocalDate.ofInstant(Instant.parse(receipt.path("receivedAt")), KAZAKHSTAN);
        LocalDate dueOn = LocalDate.parse(receipt.path("dueDate"));
        LocalDate today = LocalDate.now(KAZAKHSTAN);

        int housingRu = create(template("housing_utilities", "ru", unique("ЖКХ"), ALL_PLACEHOLDERS));
        int housingKk = create(template("housing_utilities", "kk", unique("ТКШ"), ALL_PLACEHOLDERS));
        int anyEn = create(template(null, "en", unique("Any"), ALL_PLACEHOLDERS));
        int educationRu = create(template("education", "ru", unique("Образование"), ALL_PLACEHOLDERS));
        int inactiveRu = create(template("housing_utilities", "ru", unique("Неактивный"), ALL_PLACEHOLDERS));
        admin().delete(TEMPLATES + "/{id}", inactiveRu).then().statusCode(204);

        String operator = Tokens.operator("AST-RB");
        ExtractableResponse<Response> ru = drafts(operator, tn, null);
        assertEquals(200, ru.statusCode());
        assertEquals("no-store", ru.header("Cache-Control"));
        List<Integer> ids = ru.path("id");
        assertTrue(ids.contains(housingRu), ids.toString());
        assertFalse(ids.contains(educationRu), "another category's template is not offered");
        assertFalse(ids.contains(inactiveRu), "an inactive template is not offered");
        assertFalse(ids.contains(housingKk) || ids.contains(anyEn), "another language's templates are not offered");
        assertEquals(List.of(), ru.<List<String>>path("findAll { it.language != 'ru' }.language"));
        Map<String, Object> draft = ru.path("find { it.id == " + housingRu + " }");
        assertEquals(ALL_PLACEHOLDERS, draft.get("body"));
        assertEquals("№ " + tn + " | " + ru(receivedOn) + " | " + ru(dueOn) + " | Астанинский городской филиал"
                + " | «Жилищно-коммунальное хозяйство» | " + ru(today), draft.get("text"));

        // the seeded general answer is offered too, after the category's own, with nothing left unfilled
        List<String> titles = ru.path("title");
        int general = titles.indexOf("Ответ по существу обращения");
        assertTrue(general > ids.indexOf(housingRu), titles.toString());
        String seeded = ru.path("find { it.title == 'Ответ по существу обращения' }.text");
        assertTrue(seeded.startsWith("Уважаемый заявитель!\n\nАстанинский городской филиал сообщает, что Ваше обращение № "
                + tn + " от " + ru(receivedOn) + " рассмотрено."), seeded);
        assertFalse(seeded.contains("{"), seeded);

        ExtractableResponse<Response> kk = drafts(Tokens.head("AST-RB"), tn, "kk");
        assertEquals(200, kk.statusCode());
        assertEquals("№ " + tn + " | " + kk(receivedOn) + " | " + kk(dueOn) + " | Астана қалалық филиалы"
                + " | «Тұрғын үй және коммуналдық шаруашылық» | " + kk(today), kk.path("find { it.id == " + housingKk + " }.text"));

        ExtractableResponse<Response> en = drafts(operator, tn, "en");
        assertEquals("№ " + tn + " | " + en(receivedOn) + " | " + en(dueOn) + " | Astana city branch"
                + " | «Housing and utilities» | " + en(today), en.path("find { it.id == " + anyEn + " }.text"));
        List<Integer> enIds = en.path("id");
        assertFalse(enIds.contains(housingRu));

        given().auth().oauth2(operator).queryParam("language", "de").get(DRAFTS, tn).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("language")));
    }

    @Test
    void draftsOfAnotherBranchsRequestAreRefusedAsReadingItIs() {
        String tn = TestData.submitted();
        assertEquals("AST-RB", TestData.branchOf(tn));
        for (String stranger : List.of(Tokens.operator("ALA-RB"), Tokens.head("ALA-RB"))) {
            given().auth().oauth2(stranger).get("/api/v1/requests/{tn}", tn).then().statusCode(404)
                    .body("type", equalTo(TYPES + "request-not-found"));
            given().auth().oauth2(stranger).get(DRAFTS, tn).then().statusCode(404).contentType(PROBLEM)
                    .body("type", equalTo(TYPES + "request-not-found"));
        }
        given().auth().oauth2(Tokens.operator("AST-RB")).get(DRAFTS, "AST-2099-999999").then().statusCode(404)
                .body("type", equalTo(TYPES + "request-not-found"));
        given().auth().oauth2(Tokens.operator("AST-RB")).get(DRAFTS, "not-a-number").then().statusCode(404)
                .body("type", equalTo(TYPES + "request-not-found"));
        for (String notStaff : List.of(Tokens.admin(), Tokens.leadership(null), Tokens.newCitizen())) {
            given().auth().oauth2(notStaff).get(DRAFTS, tn).then().statusCode(403).contentType(PROBLEM)
                    .body("type", equalTo(TYPES + "forbidden"));
        }
        given().get(DRAFTS, tn).then().statusCode(401).contentType(PROBLEM).body("type", equalTo(TYPES + "unauthenticated"));
        String noBranch = Tokens.claims("operator", "operator-without-branch").sign(Tokens.PRIVATE_KEY);
        given().auth().oauth2(noBranch).get(DRAFTS, tn).then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aDeactivatedTemplateIsNoLongerOfferedAndARedefinitionBringsItBack() {
        String tn = TestData.submitted();
        String operator = Tokens.operator("AST-RB");
        String title = unique("Временный");
        int id = create(template(null, "ru", title, "Обращение № {tracking_number}."));
        drafts(operator, tn, "ru").response().then().statusCode(200).body("id", hasItem(id));

        admin().delete(TEMPLATES + "/{id}", id).then().statusCode(204);
        admin().delete(TEMPLATES + "/{id}", id).then().statusCode(204);
        drafts(operator, tn, "ru").response().then().statusCode(200).body("id", not(hasItem(id)));
        admin().get(TEMPLATES + "/{id}", id).then().statusCode(200).body("active", equalTo(false))
                .header("ETag", equalTo("\"1\""));
        admin().queryParam("active", "false").get(TEMPLATES).then().statusCode(200).body("id", hasItem(id))
                .body("active", everyItem(equalTo(false)));
        admin().queryParam("active", "true").get(TEMPLATES).then().statusCode(200).body("id", not(hasItem(id)));

        admin().header("If-Match", "\"1\"").body(template(null, "ru", title, "Обращение № {tracking_number}."))
                .put(TEMPLATES + "/{id}", id).then().statusCode(200).body("active", equalTo(true));
        drafts(operator, tn, "ru").response().then().statusCode(200).body("id", hasItem(id))
                .body("find { it.id == " + id + " }.text", equalTo("Обращение № " + tn + "."));
        admin().delete(TEMPLATES + "/{id}", 999_999_999).then().statusCode(404).contentType(PROBLEM);
        admin().delete(TEMPLATES + "/{id}", "abc").then().statusCode(400).body("errors.field", hasItem("id"));
    }
}
