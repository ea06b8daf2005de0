package kz.citizenrequests.portal;

import kz.citizenrequests.PageChecks;

import kz.citizenrequests.shared.pages.Texts;
import kz.citizenrequests.shared.pages.PageLanguage;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.Chromium;
import kz.citizenrequests.TestData;
import kz.citizenrequests.shared.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A citizen's whole visit in a real browser (Debian's chromium), in each language: the home
 * page, a form refused and corrected, a double click that stores one request, the receipt,
 * following with the code, a staff act appearing, withdrawing. Every page is checked with
 * axe-core (no serious or critical violation), for horizontal scrolling at 360 px, and for
 * requests to anywhere but the service; screenshots at 360 px and 1280 px land in target/portal/.
 */
@QuarkusTest
class PortalBrowserTest {

    private static final int PHONE = PageChecks.PHONE;
    private static final int DESKTOP = PageChecks.DESKTOP;

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource dataSource;

    @Inject
    PortalTexts texts;

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru", "en"})
    void aCitizenSubmitsFollowsAndWithdrawsARequest(String lang) {
        Texts t = texts.in(PageLanguage.known(lang).orElseThrow());
        String subject = "Portal " + lang + " " + UUID.randomUUID();
        try (Chromium chromium = Chromium.start();
             BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                     .setViewportSize(PHONE, 800).setLocale(lang))) {
            Page page = context.newPage();
            Visit visit = new Visit(page, lang);

            page.navigate(base + "?lang=" + lang);
            visit.check("home");
            assertEquals(t.get("home_title"), page.textContent("h1"));

            page.click("nav.sections a[href='/submit']");
            page.waitForSelector("#request-form");
            visit.check("submit");

            // the district list follows the region; the count follows the typing; the IIN is checked here
            page.selectOption("#f-region", "KZ-71");
            assertEquals(List.of("", "KZ-71-01", "KZ-71-02", "KZ-71-03"),
                    page.locator("#f-district option").evaluateAll("o => o.map(x => x.value)"));
            page.fill("#f-description", "Жарық жоқ. Нет света. No light.");
            assertEquals(t.format("char_count", 31, 4000), page.textContent("#f-description-count"));
            page.fill("#f-citizen-iin", "900101300127");
            page.locator("#f-citizen-iin").blur();
            assertEquals(t.get("error_iin"), page.textContent("#f-citizen-iin-check"));

            // sent without a subject and with a bad IIN: refused, said next to the fields, nothing lost
            page.check("#f-type-complaint");
            page.check("#f-category-housing_utilities");
            page.fill("#f-citizen-fullName", "Дана Серікқызы");
            page.fill("#f-citizen-phone", "+7 705 111 2233");
            page.click("#send");
            page.waitForSelector("#problems");
            visit.check("submit-refused");
            assertEquals(t.get("error_subject"), page.textContent("#f-subject-error"));
            assertEquals(t.get("error_iin"), page.textContent("#f-citizen-iin-error"));
            assertEquals("Жарық жоқ. Нет света. No light.", page.inputValue("#f-description"));
            assertEquals("problems", page.evaluate("document.activeElement.id"), "the summary gets the focus");

            // corrected and sent with a double click: one request
            page.fill("#f-subject", subject);
            page.fill("#f-citizen-iin", "");
            page.dblclick("#send");
            page.waitForSelector("#tracking-number");
            visit.check("receipt");
            String number = page.textContent("#tracking-number");
            String code = page.textContent("#access-code");
            assertEquals(1, requestsWithSubject(subject), "a double click stores one request");
            assertTrue(page.isVisible("#copy") && page.isVisible("#print"));

            // following it with the number and the code, as on another day
            page.click("nav.sections a[href='/follow']");
            page.waitForSelector("#f-number");
            visit.check("follow");
            page.fill("#f-number", number);
            page.fill("#f-code", code);
            page.click("#follow-send");
            page.waitForSelector("#timeline");
            assertEquals(t.get("status_SUBMITTED"), page.textContent("#status"));
            assertTrue(!page.url().contains(code), "the code is not in the URL");

            // the branch registers it: the timeline shows it after a refresh
            TestData.perform(number, Map.of("action", "register"));
            page.click("#refresh");
            page.waitForSelector("#timeline li:nth-child(2)");
            visit.check("request");
            assertEquals(List.of(t.get("action_submit"), t.get("action_register")),
                    page.locator("#timeline .what").allTextContents());

            // withdrawing asks first
            page.click("#withdraw");
            page.waitForSelector("#confirm-withdraw");
            visit.check("withdraw");
            page.fill("#f-reason", "—");
            page.click("#confirm-withdraw");
            page.waitForSelector("#notice");
            assertEquals(t.get("withdraw_done"), page.textContent("#notice"));
            assertEquals(t.get("status_WITHDRAWN"), page.textContent("#status"));

            visit.assertClean();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru", "en"})
    void aCitizenAnswersTheDecisionAndAddsNothingAfterIt(String lang) {
        Texts t = texts.in(PageLanguage.known(lang).orElseThrow());
        var receipt = TestData.submit(TestData.with(TestData.submission(), "district", "KZ-71-01"));
        String number = receipt.path("trackingNumber");
        String code = receipt.path("accessCode");
        TestData.perform(number, Map.of("action", "register"));
        TestData.perform(number, Map.of("action", "start_work"));
        TestData.perform(number, Map.of("action", "resolve", "outcome", "satisfied", "answer", "The light is back."));
        try (Chromium chromium = Chromium.start();
             BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                     .setViewportSize(PHONE, 800).setLocale(lang))) {
            Page page = context.newPage();
            Visit visit = new Visit(page, lang);
            page.navigate(base + "follow?lang=" + lang + "&number=" + number);
            assertEquals(number, page.inputValue("#f-number"), "the link names the request");
            page.fill("#f-code", code);
            page.click("#follow-send");
            page.waitForSelector("#send-feedback");
            visit.check("answer");
            page.check("#f-satisfied-yes");
            page.check("#f-rating-5");
            page.fill("#f-feedback-comment", "Рақмет / Спасибо / Thank you");
            page.click("#send-feedback");
            page.waitForSelector("#notice");
            assertEquals(t.get("feedback_done"), page.textContent("#notice"));
            assertTrue(page.locator("#timeline .what").allTextContents().contains(t.get("action_feedback")));
            visit.assertClean();
        }
    }

    @Test
    void theLanguageSwitchKeepsWhatThePageHolds() {
        try (Chromium chromium = Chromium.start();
             BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                     .setViewportSize(DESKTOP, 900).setLocale("ru-RU"))) {
            Page page = context.newPage();
            Visit visit = new Visit(page, "ru");
            page.navigate(base + "submit");
            assertEquals("ru", page.getAttribute("html", "lang"), "from Accept-Language");
            page.fill("#f-subject", "Свет во дворе");
            page.click("nav.languages button[value=kk]");
            page.waitForSelector("html[lang=kk]");
            assertEquals("Свет во дворе", page.inputValue("#f-subject"), "typed text survives the switch");
            assertEquals(texts.in(Language.KK).get("submit_title"), page.textContent("h1"));

            // remembered: the next page opens in Kazakh too
            page.navigate(base + "follow");
            assertEquals("kk", page.getAttribute("html", "lang"));

            // the keyboard alone: skip to the content, fill the form, send it, land on the problem
            page.keyboard().press("Tab");
            assertEquals("skip", page.evaluate("document.activeElement.className"));
            page.keyboard().press("Enter");
            page.keyboard().press("Tab");
            assertEquals("f-number", page.evaluate("document.activeElement.id"));
            page.keyboard().type("AST-2026-999999");
            page.keyboard().press("Tab");
            assertEquals("f-code", page.evaluate("document.activeElement.id"));
            page.keyboard().type("AAAA-BBBB-CCCC");
            page.keyboard().press("Enter");
            page.waitForSelector("#problems");
            assertEquals("problems", page.evaluate("document.activeElement.id"));
            assertEquals(texts.in(Language.KK).get("follow_not_found"), page.textContent("#problems p"));
            visit.assertClean();
        }
    }

    /** Checks one page of a visit: accessibility, width, screenshots; and collects what the browser did. */
    private static final class Visit {

        private final Page page;
        private final String lang;
        private final List<String> foreign = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();

        Visit(Page page, String lang) {
            this.page = page;
            this.lang = lang;
            page.onRequest(request -> {
                if (!request.url().startsWith("http://localhost:") && !request.url().startsWith("data:")) {
                    foreign.add(request.url());
                }
            });
            page.onPageError(errors::add);
            // a refused form is answered 400, which the console reports too; only refused content counts
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && message.text().contains("Content Security Policy")) {
                    errors.add(message.text());
                }
            });
        }

        void check(String name) {
            PageChecks.check(page, name + " (" + lang + ")", Path.of("target", "portal", name + "-" + lang));
            assertEquals(lang, page.getAttribute("html", "lang"), name);
        }

        void assertClean() {
            assertEquals(List.of(), foreign, "requests to other sites");
            assertEquals(List.of(), errors, "script errors or refused content (CSP) in the pages");
        }
    }

    private long requestsWithSubject(String subject) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM requests WHERE subject = ?")) {
            statement.setString(1, subject);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
