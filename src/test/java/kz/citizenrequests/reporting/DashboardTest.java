package kz.citizenrequests.reporting;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import kz.citizenrequests.Chromium;
import kz.citizenrequests.IdentityProvider;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser: Debian's headless chromium driven by Playwright signs in
 * on the identity provider's login page as national leadership, loads the page from the
 * running test service, and the tiles must show what the report API answers,
 * before and after a filter changes. Leaves target/dashboard*.png for people to look at.
 */
@QuarkusTest
@QuarkusTestResource(IdentityProvider.class)
class DashboardTest {

    private static final String LEADER = kz.citizenrequests.Tokens.leadership(null);

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @Test
    void tilesShowTheFiguresOfTheApiAndFollowTheFilters() {
        TestData.submit(TestData.with(TestData.submission(), "region", "KZ-62"));
        TestData.submit(TestData.with(TestData.with(TestData.submission(), "region", "KZ-62"), "category", "ecology"));

        try (Chromium chromium = Chromium.start()) {
            Browser browser = chromium.browser();
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 1400).setLocale("en-GB"));
            List<String> errors = new java.util.ArrayList<>();
            page.onPageError(errors::add);
            // the page's Content-Security-Policy allows nothing inline: anything it refuses is an error here
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    errors.add(message.text());
                }
            });
            page.navigate(dashboard.toString());

            // Signed in like the workbench: the provider's login page, then the reports, with no token in the page.
            page.waitForSelector("#username");
            page.fill("#username", "leader-national");
            page.fill("#password", IdentityProvider.PASSWORD);
            page.click("button[type=submit]");
            page.waitForSelector("body[data-loaded]");
            assertTrue(page.isVisible("#sign-out"));
            assertEquals(0, ((Number) page.evaluate("sessionStorage.length + localStorage.length - "
                    + "(localStorage.getItem('dashboard.lang') === null ? 0 : 1)")).intValue(), "no token kept by the page");

            String from = page.inputValue("#from");
            String to = page.inputValue("#to");
            assertTilesMatch(page, Map.of("from", from, "to", to));
            assertEquals("Received", page.textContent(".tile h2"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard.png")).setFullPage(true));

            // Narrow to one region: the page reloads every figure for it.
            page.selectOption("#region", "KZ-62");
            page.waitForSelector("body[data-loaded*='region=KZ-62']");
            assertTilesMatch(page, Map.of("from", from, "to", to, "region", "KZ-62"));
            assertTrue(Long.parseLong(page.getAttribute("#tile-received", "data-value")) >= 2);

            // Kazakh labels from the switch; the region list follows.
            page.click("button[data-lang='kk']");
            page.waitForFunction("document.documentElement.lang === 'kk'");
            assertEquals("Түсті", page.textContent(".tile h2"));
            assertEquals("Ұлытау облысы", page.evaluate("document.querySelector('#region').selectedOptions[0].textContent"));
            page.waitForSelector("body[data-loaded*='region=KZ-62']");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard-kk-region.png")).setFullPage(true));
            assertEquals(List.of(), errors, "errors in the page");
        }
    }

    private static void assertTilesMatch(Page page, Map<String, String> filters) {
        Map<String, Object> summary = given().auth().oauth2(LEADER).queryParams(filters).get("/api/v1/reports/summary")
                .then().statusCode(200).extract().as(Map.class);
        assertEquals(String.valueOf(summary.get("received")), page.getAttribute("#tile-received", "data-value"));
        assertEquals(String.valueOf(summary.get("overdueNow")), page.getAttribute("#tile-overdue-now", "data-value"));
        assertRate(summary.get("resolutionRate"), page.getAttribute("#tile-resolution-rate", "data-value"));
        assertRate(summary.get("onTimeRate"), page.getAttribute("#tile-on-time-rate", "data-value"));
        String shown = page.textContent("#tile-received").replaceAll("[^0-9]", "");
        assertEquals(String.valueOf(summary.get("received")), shown, "the received tile's text");
    }

    /** The page writes a rate with JavaScript's String(number), empty for null. */
    private static void assertRate(Object expected, String shown) {
        if (expected == null) {
            assertEquals("", shown);
        } else {
            assertEquals(((Number) expected).doubleValue(), Double.parseDouble(shown), 0.0);
        }
    }
}
