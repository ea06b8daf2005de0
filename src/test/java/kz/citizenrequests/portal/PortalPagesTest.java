package kz.citizenrequests.portal;

import kz.citizenrequests.shared.pages.Texts;
import kz.citizenrequests.shared.pages.PageLanguage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import kz.citizenrequests.shared.Language;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static kz.citizenrequests.portal.PortalForms.html;
import static kz.citizenrequests.portal.PortalForms.post;
import static kz.citizenrequests.portal.PortalForms.submission;
import static kz.citizenrequests.portal.PortalForms.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The citizen's pages over HTTP, as a browser without JavaScript uses them: each page in each
 * language, the headers that protect it, a form that becomes a request exactly once, its
 * refusals said next to their fields, following with the code, and withdrawing.
 */
@QuarkusTest
class PortalPagesTest {

    @Inject
    DataSource dataSource;

    @Inject
    PortalTexts texts;

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru", "en"})
    void everyPageSpeaksTheChosenLanguageAndRemembersIt(String lang) {
        Texts t = texts.in(PageLanguage.known(lang).orElseThrow());
        Map<String, String> headings = Map.of("/", t.get("home_title"), "/submit", t.get("submit_title"),
                "/follow", t.get("follow_title"));
        headings.forEach((path, heading) -> {
            Response response = given().queryParam("lang", lang).get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals(lang, response.cookie("lang"), path + " remembers the choice");
            Document page = html(response);
            assertEquals(lang, page.selectFirst("html").attr("lang"), path);
            assertEquals(heading, page.selectFirst("h1").text(), path);
            assertEquals(3, page.select("nav.languages a[hreflang], nav.languages button[name=lang]").size(),
                    path + " offers every language");
        });
    }

    @Test
    void theBrowsersLanguageIsTheFirstChoiceAndTheCookieOverridesIt() {
        assertEquals("kk", html(given().header("Accept-Language", "kk-KZ,ru;q=0.8").get("/")).selectFirst("html").attr("lang"));
        assertEquals("en", html(given().header("Accept-Language", "kk-KZ,ru;q=0.8").cookie("lang", "en").get("/"))
                .selectFirst("html").attr("lang"));
        assertEquals("ru", html(given().header("Accept-Language", "de-DE").get("/")).selectFirst("html").attr("lang"));
    }

    @Test
    void everyPageAndAssetCarriesTheSecurityHeaders() {
        for (String path : List.of("/", "/submit", "/follow", "/portal/portal.js", "/portal/portal.css")) {
            Response response = given().get(path);
            assertEquals(200, response.statusCode(), path);
            String csp = response.header("Content-Security-Policy");
            assertNotNull(csp, path);
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
            assertEquals("no-referrer", response.header("Referrer-Policy"), path);
        }
        assertEquals("no-store", given().get("/submit").header("Cache-Control"), "the form carries its own key");
        Response receipt = post("/submit", submission(), "ru");
        assertEquals("no-store", receipt.header("Cache-Control"));
        assertTrue(receipt.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    @Test
    void aPagesFormPostedWithANullOriginFromThisSiteIsAcceptedButNotFromAnotherNorOnTheApi() {
        // browsers send Origin: null with a form from a page whose Referrer-Policy is no-referrer
        assertEquals(404, given().header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                .contentType(PortalForms.FORM)
                .formParams(Map.of("number", "AST-2026-999999", "code", "AAAA-BBBB-CCCC")).post("/follow").statusCode());
        // another site's no-referrer page posting a form here: the browser says cross-site, nothing is stored
        TestData.Counts before = TestData.counts(dataSource);
        for (String site : List.of("cross-site", "same-site")) {
            given().header("Origin", "null").header("Sec-Fetch-Site", site).contentType(PortalForms.FORM)
                    .formParams(submission()).post("/submit").then().statusCode(403)
                    .body("type", org.hamcrest.Matchers.equalTo("urn:citizen-requests:problem:origin-not-allowed"));
        }
        assertEquals(before, TestData.counts(dataSource));
        given().header("Origin", "null").contentType("application/json").body(TestData.submission())
                .post("/api/v1/requests").then().statusCode(403)
                .body("type", org.hamcrest.Matchers.equalTo("urn:citizen-requests:problem:origin-not-allowed"));
    }

    @Test
    void aTextareasLineEndsAreStoredAsLineFeeds() {
        Response answer = post("/submit", with(submission(), "description", "Первая строка.\r\nВторая строка.\rТретья."), "ru");
        assertEquals(201, answer.statusCode(), answer.asString());
        String number = html(answer).getElementById("tracking-number").text();
        assertEquals("Первая строка.\nВторая строка.\nТретья.", TestData.asHead(number)
                .get("/api/v1/requests/{tn}", number).then().statusCode(200).extract().path("description"));
    }

    @Test
    void aFormSentTwiceStoresOneRequestAndShowsTheSameReceipt() {
        Map<String, String> form = submission();
        TestData.Counts before = TestData.counts(dataSource);
        Response first = post("/submit", form, "ru");
        Response second = post("/submit", form, "ru");
        assertEquals(201, first.statusCode(), first.asString());
        assertEquals(201, second.statusCode());
        Document one = html(first);
        Document two = html(second);
        String number = one.getElementById("tracking-number").text();
        assertTrue(number.matches("AST-\\d{4}-\\d{6}"), number);
        assertEquals(number, two.getElementById("tracking-number").text());
        assertEquals(one.getElementById("access-code").text(), two.getElementById("access-code").text());
        assertEquals(before.requests() + 1, TestData.counts(dataSource).requests());

        // the receipt in the page's language: the branch's Russian name and the due date in Russian
        assertEquals(texts.in(Language.RU).get("receipt_title"), one.selectFirst("h1").text());
        assertFalse(one.getElementById("receipt-branch").text().isBlank());
        String due = one.getElementById("receipt-due").text();
        assertTrue(due.matches("\\d{1,2} [а-я]+ \\d{4} г\\.") , due);
    }

    @Test
    void badFieldsAreSaidNextToTheirFieldsInThePageLanguageAndNothingTypedIsLost() {
        Texts kk = texts.in(Language.KK);
        Map<String, String> form = with(with(with(with(submission(), "subject", ""), "citizen.iin", "900101300127"),
                "citizen.phone", ""), "district", "KZ-75-01");
        TestData.Counts before = TestData.counts(dataSource);
        Response response = post("/submit", form, "kk");

        assertEquals(400, response.statusCode());
        assertEquals(before, TestData.counts(dataSource), "nothing is stored");
        Document page = html(response);
        assertEquals("kk", page.selectFirst("html").attr("lang"));
        assertEquals(kk.get("error_subject"), page.getElementById("f-subject-error").text());
        assertEquals(kk.get("error_iin"), page.getElementById("f-citizen-iin-error").text());
        assertEquals(kk.get("error_contact"), page.getElementById("f-citizen-phone-error").text());
        assertEquals(kk.get("error_district"), page.getElementById("f-district-error").text());
        assertEquals("true", page.getElementById("f-subject").attr("aria-invalid"));
        assertTrue(page.getElementById("f-subject").attr("aria-describedby").contains("f-subject-error"));
        // the summary links to each field, and what was typed is still there
        Element problems = page.getElementById("problems");
        assertEquals("alert", problems.attr("role"));
        assertTrue(problems.select("a[href=#f-subject]").size() == 1, problems.html());
        assertEquals(form.get("description"), page.getElementById("f-description").text());
        assertEquals(form.get("citizen.fullName"), page.getElementById("f-citizen-fullName").val());
        assertEquals(form.get("key"), page.selectFirst("input[name=key]").val(), "the retry keeps its key");
        assertNotNull(page.selectFirst("#f-type-complaint[checked]"));
        assertNotNull(page.selectFirst("#f-district option[value=KZ-75-01][selected]"));
    }

    @Test
    void aControlCharacterIsRefusedOnItsField() {
        Response response = post("/submit", with(submission(), "address", "Абая 5\u0001"), "en");
        assertEquals(400, response.statusCode());
        assertEquals(texts.in(Language.EN).get("error_address"), html(response).getElementById("f-address-error").text());
    }

    @Test
    void aFilledHoneypotStoresNothing() {
        TestData.Counts before = TestData.counts(dataSource);
        Response response = post("/submit", with(submission(), "website", "http://spam.example"), "en");
        assertEquals(400, response.statusCode());
        assertEquals(before, TestData.counts(dataSource));
        assertEquals(texts.in(Language.EN).get("error_form"), html(response).select("#problems p").text());
    }

    @Test
    void theLanguageSwitchOnTheFormKeepsWhatWasTypedAndSendsNothing() {
        TestData.Counts before = TestData.counts(dataSource);
        Map<String, String> form = with(submission(), "lang", "en");
        Response response = post("/submit/language", form, "ru");
        assertEquals(200, response.statusCode());
        assertEquals(before, TestData.counts(dataSource));
        Document page = html(response);
        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertEquals("en", response.cookie("lang"));
        assertEquals(form.get("subject"), page.getElementById("f-subject").val());
        assertEquals(form.get("key"), page.selectFirst("input[name=key]").val());
        assertNull(page.getElementById("problems"), "switching is not sending");
    }

    @Test
    void followingShowsTheStatusAndTheHistoryAndNeverPutsTheCodeInAUrl() {
        Document receipt = html(post("/submit", submission(), "en"));
        String number = receipt.getElementById("tracking-number").text();
        String code = receipt.getElementById("access-code").text();
        Texts en = texts.in(Language.EN);

        Document page = html(post("/follow", Map.of("number", number, "code", code), "en"));
        assertEquals(en.get("status_SUBMITTED"), page.getElementById("status").text());
        assertEquals(List.of(en.get("action_submit")), page.select("#timeline .what").eachText());

        // a staff act appears in the citizen's timeline
        TestData.perform(number, Map.of("action", "register"));
        page = html(post("/follow", Map.of("number", number, "code", code.toLowerCase()), "en"));
        assertEquals(en.get("status_REGISTERED"), page.getElementById("status").text());
        assertEquals(List.of(en.get("action_submit"), en.get("action_register")), page.select("#timeline .what").eachText());

        for (Document shown : List.of(receipt, page)) {
            for (Element link : shown.select("a[href], form[action]")) {
                String url = link.hasAttr("href") ? link.attr("href") : link.attr("action");
                assertFalse(url.contains(code), "the code is in a URL: " + url);
            }
            shown.select("form").forEach(f -> assertEquals("post", f.attr("method"), f.outerHtml()));
        }

        // a notification's link names the request, never the code: the form comes with the number filled in
        Document linked = html(given().queryParam("number", number).get("/follow"));
        assertEquals(number, linked.getElementById("f-number").val());
        assertEquals("/follow?number=" + number + "&lang=kk", linked.selectFirst("nav.languages a[hreflang=kk]").attr("href"),
                "switching the language keeps the number");

        Response wrong = post("/follow", Map.of("number", number, "code", "AAAA-BBBB-CCCC"), "en");
        assertEquals(404, wrong.statusCode());
        assertEquals(en.get("follow_not_found"), html(wrong).select("#problems p").text());
        Response malformed = post("/follow", Map.of("number", "not a number", "code", code), "en");
        assertEquals(400, malformed.statusCode());
        assertEquals(en.get("error_number"), html(malformed).getElementById("f-number-error").text());
    }

    @Test
    void anExtensionIsShownWithItsReasonAndTheAnswerWhenDecided() {
        Document receipt = html(post("/submit", submission(), "ru"));
        String number = receipt.getElementById("tracking-number").text();
        String code = receipt.getElementById("access-code").text();
        LocalDate due = LocalDate.parse(given().header("X-Access-Code", code).get("/api/v1/requests/{n}", number)
                .then().statusCode(200).extract().<String>path("dueDate"));
        TestData.perform(number, Map.of("action", "register"));
        TestData.perform(number, Map.of("action", "extend_deadline", "newDueDate", due.plusDays(7).toString(),
                "note", "Нужен выезд комиссии на место"));
        TestData.perform(number, Map.of("action", "start_work"));
        TestData.perform(number, Map.of("action", "resolve", "outcome", "satisfied", "answer", "Уборка возобновлена с 1 декабря."));

        Document page = html(post("/follow", Map.of("number", number, "code", code), "ru"));
        Texts ru = texts.in(Language.RU);
        String extension = page.getElementById("extension").text();
        assertTrue(extension.contains(ru.date(due)) && extension.contains("Нужен выезд комиссии на место"), extension);
        assertEquals(ru.date(due.plusDays(7)), page.getElementById("due").ownText());
        assertEquals(ru.get("outcome_satisfied"), page.getElementById("outcome").text());
        assertEquals("Уборка возобновлена с 1 декабря.", page.getElementById("answer").text());
        assertNull(page.getElementById("withdraw"), "a decided request cannot be withdrawn");
    }

    @Test
    void withdrawingAsksFirstThenWithdrawsAndAStaleViewChangesNothing() {
        Document receipt = html(post("/submit", submission(), "en"));
        String number = receipt.getElementById("tracking-number").text();
        String code = receipt.getElementById("access-code").text();
        Texts en = texts.in(Language.EN);
        Document page = html(post("/follow", Map.of("number", number, "code", code), "en"));
        String version = page.selectFirst("form[action=/follow/withdraw] input[name=version]").val();

        Document question = html(post("/follow/withdraw", Map.of("number", number, "code", code, "version", version), "en"));
        assertEquals(en.format("withdraw_confirm_title", number), question.selectFirst("h1").text());
        assertEquals("SUBMITTED", statusOf(number, code), "asking withdraws nothing");

        // a staff act in between: the citizen's confirmation is of an older state
        TestData.perform(number, Map.of("action", "register"));
        Document stale = html(post("/follow/withdraw", Map.of("number", number, "code", code, "version", version,
                "confirm", "yes"), "en"));
        assertEquals(en.get("withdraw_stale"), stale.getElementById("notice").text());
        assertEquals("REGISTERED", statusOf(number, code));

        String current = stale.selectFirst("form[action=/follow/withdraw] input[name=version]").val();
        Document done = html(post("/follow/withdraw", Map.of("number", number, "code", code, "version", current,
                "confirm", "yes", "reason", "Solved by the neighbours"), "en"));
        assertEquals(en.get("withdraw_done"), done.getElementById("notice").text());
        assertEquals(en.get("status_WITHDRAWN"), done.getElementById("status").text());
        assertEquals("WITHDRAWN", statusOf(number, code));
        assertNull(done.getElementById("withdraw"));
    }

    @Test
    void theCitizenAnswersTheDecisionAndAComplaintGoesToTheBranchAbove() {
        Map<String, String> form = with(submission(), "district", "KZ-71-01");
        Document receipt = html(post("/submit", form, "en"));
        String number = receipt.getElementById("tracking-number").text();
        String code = receipt.getElementById("access-code").text();
        TestData.perform(number, Map.of("action", "register"));
        TestData.perform(number, Map.of("action", "start_work"));
        TestData.perform(number, Map.of("action", "resolve", "outcome", "explained", "answer", "Cleaning resumes on Monday."));
        Texts en = texts.in(Language.EN);

        Document page = html(post("/follow", Map.of("number", number, "code", code), "en"));
        assertNotNull(page.getElementById("send-feedback"), "a resolved request may be answered");
        assertNull(page.getElementById("send-followup"), "a decided request takes no follow-up");
        String version = page.selectFirst("form[action=/follow/answer] input[name=version]").val();

        Document unchosen = html(post("/follow/answer", Map.of("number", number, "code", code, "version", version), "en"));
        assertEquals(en.get("feedback_choose"), unchosen.getElementById("notice").text());

        Document answered = html(post("/follow/answer", Map.of("number", number, "code", code, "version", version,
                "satisfied", "no", "rating", "2", "comment", "Nobody came to clean"), "en"));
        assertTrue(answered.getElementById("notice").text().startsWith("Your complaint has been sent to the branch above."),
                answered.getElementById("notice").text());
        assertEquals(en.get("status_IN_PROGRESS"), answered.getElementById("status").text());
        assertTrue(answered.select("#timeline .what").eachText().contains(en.get("action_complaint")));
        assertTrue(answered.select("#timeline .note").eachText().contains("Nobody came to clean"));
        assertEquals("AST-RB", TestData.branchOf(number));
        assertNull(answered.getElementById("send-feedback"));
    }

    @Test
    void theCitizenAddsAFollowUpCommentToAnOpenRequest() {
        Document receipt = html(post("/submit", submission(), "ru"));
        String number = receipt.getElementById("tracking-number").text();
        String code = receipt.getElementById("access-code").text();
        Texts ru = texts.in(Language.RU);
        Document page = html(post("/follow", Map.of("number", number, "code", code), "ru"));
        String version = page.selectFirst("form[action=/follow/comment] input[name=version]").val();

        Document empty = html(post("/follow/comment", Map.of("number", number, "code", code, "version", version,
                "comment", "  "), "ru"));
        assertEquals(ru.get("followup_empty"), empty.getElementById("notice").text());
        Document done = html(post("/follow/comment", Map.of("number", number, "code", code, "version", version,
                "comment", "Фото подъезда могу прислать"), "ru"));
        assertEquals(ru.get("followup_done"), done.getElementById("notice").text());
        assertTrue(done.select("#timeline .what").eachText().contains(ru.get("action_follow_up")));
        assertTrue(done.select("#timeline .note").eachText().contains("Фото подъезда могу прислать"));
    }

    @Test
    void theReceiptCanBeShownAgainInAnotherLanguageOnlyWithItsCode() {
        Document receipt = html(post("/submit", submission(), "ru"));
        String number = receipt.getElementById("tracking-number").text();
        String code = receipt.getElementById("access-code").text();
        Response kk = post("/receipt", Map.of("number", number, "code", code, "lang", "kk"), "ru");
        assertEquals(200, kk.statusCode());
        assertEquals("kk", html(kk).selectFirst("html").attr("lang"));
        assertEquals(number, html(kk).getElementById("tracking-number").text());
        assertEquals(404, post("/receipt", Map.of("number", number, "code", "WRONG-CODE-1234", "lang", "kk"), "ru").statusCode());
    }

    @Test
    void theHomePagePublishesTheYearsFiguresOfTheReportsWithoutPersonalData() {
        post("/submit", submission(), "en");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Almaty"));
        long received = given().auth().oauth2(Tokens.leadership(null))
                .queryParam("from", today.withDayOfYear(1).toString()).queryParam("to", today.toString())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath().getLong("received");
        Document home = html(given().queryParam("lang", "en").get("/"));
        assertEquals(texts.in(Language.EN).number(received), home.getElementById("figure-received").text());
        assertFalse(home.text().contains("Дана Серікқызы"));
        assertFalse(home.text().contains("+7 705 111 2233"));
    }

    private static String statusOf(String number, String code) {
        return given().header("X-Access-Code", code).get("/api/v1/requests/{n}", number)
                .then().statusCode(200).extract().path("status");
    }
}
