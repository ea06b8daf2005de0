package kz.citizenrequests.workbench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import kz.citizenrequests.Chromium;
import kz.citizenrequests.IdentityProvider;
import kz.citizenrequests.PageChecks;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff at work in a real browser (Debian's chromium, Playwright), signed in through the
 * OpenID Connect provider's own login page (code flow with PKCE, {@link IdentityProvider}):
 * an operator registers, starts and resolves with a template; a branch head forwards and
 * extends; a stale act shows the conflict; a bulk register reports per item; an operator of
 * another branch sees none of it; signing out ends the provider's session. axe-core finds no
 * serious or critical violation on any page, and no page scrolls sideways at 360 px.
 * Screenshots at 360 and 1280 px go to target/workbench/.
 */
@QuarkusTest
@QuarkusTestResource(IdentityProvider.class)
class WorkbenchBrowserTest {

    private static final int PHONE = PageChecks.PHONE;
    private static final int DESKTOP = PageChecks.DESKTOP;

    @TestHTTPResource("/")
    URL base;

    @IdentityProvider.Inject
    IdentityProvider provider;

    @Test
    void staffWorkTheirQueueFromSignInToSignOut() {
        String tag = "Browser " + UUID.randomUUID().toString().substring(0, 8);
        String resolveMe = submit(tag + " resolve");
        String forwardMe = submit(tag + " forward");
        String extendMe = submit(tag + " extend");
        String staleMe = submit(tag + " stale");
        String bulkOne = submit(tag + " bulk one");
        String bulkTwo = submit(tag + " bulk two");

        try (Chromium chromium = Chromium.start()) {
            Visit operator = signIn(chromium.browser(), "op-ast-rb");

            // the queue, found by the words of the subject
            operator.go("/workbench?q=" + tag.replace(" ", "+"));
            operator.check("queue");
            assertEquals(6, operator.page.locator("#queue tbody tr").count());

            // the queue and a request's page in Kazakh and Russian too (the switch's links), then back to English
            for (String lang : List.of("kk", "ru")) {
                operator.go("/workbench?lang=" + lang + "&q=" + tag.replace(" ", "+"));
                assertEquals(lang, operator.page.getAttribute("html", "lang"));
                operator.check("queue-" + lang);
                operator.go("/workbench/requests/" + resolveMe + "?lang=" + lang);
                operator.check("request-" + lang);
            }
            operator.go("/workbench?lang=en&q=" + tag.replace(" ", "+"));

            // register, start work and resolve with a template, each from the act panel
            operator.page.click("tr[data-number='" + resolveMe + "'] a.open");
            operator.page.waitForSelector("#act-register");
            operator.check("request");
            operator.act("register");
            operator.act("start_work");
            operator.page.click("#act-resolve summary");
            operator.page.selectOption("#resolve-template", operator.page.locator("#resolve-template option[data-text]")
                    .first().getAttribute("value"));
            String drafted = operator.page.inputValue("#resolve-answer");
            assertTrue(drafted.contains(resolveMe), "the template is filled in for the request: " + drafted);
            operator.page.fill("#resolve-answer", drafted + "\nThe branch will check again in a month.");
            operator.page.check("#resolve-outcome-explained");
            operator.check("resolve-form");
            operator.page.click("#do-resolve");
            operator.page.waitForSelector("#notice");
            assertEquals("Answered", operator.page.textContent("#status").trim());
            assertTrue(operator.page.textContent("#answer").endsWith("The branch will check again in a month."));

            // a branch head forwards one request and extends another
            Visit head = signIn(chromium.browser(), "head-ast-rb");
            head.go("/workbench/requests/" + forwardMe);
            head.page.click("#act-forward summary");
            head.page.fill("#forward-branch", "AST-D01");
            head.page.fill("#forward-note", "The district branch is competent");
            head.check("forward-form");
            head.page.click("#do-forward");
            head.page.waitForSelector("#message");
            assertEquals(404, head.status, "after forwarding, the request has left the branch");
            assertEquals("AST-D01", TestData.branchOf(forwardMe));

            head.go("/workbench/requests/" + extendMe);
            head.page.click("#act-extend_deadline summary");
            String latest = head.page.getAttribute("#extend_deadline-date", "max");
            head.page.fill("#extend_deadline-date", latest);
            head.page.fill("#extend_deadline-note", "An expert opinion is needed");
            head.page.click("#do-extend_deadline");
            head.page.waitForSelector("#notice");
            assertEquals(latest, given().auth().oauth2(Tokens.head("AST-RB")).get("/api/v1/requests/" + extendMe)
                    .then().statusCode(200).extract().path("dueDate"));

            // a stale act: the operator's page is older than the head's act
            operator.go("/workbench/requests/" + staleMe);
            operator.page.waitForSelector("#act-register");
            head.go("/workbench/requests/" + staleMe);
            head.act("register");
            operator.page.click("#act-comment summary");
            operator.page.fill("#comment-note", "Called the applicant");
            operator.page.click("#do-comment");
            operator.page.waitForSelector("#conflict");
            assertEquals(412, operator.status);
            assertTrue(operator.page.textContent("#conflict").contains("Registered"), operator.page.textContent("#conflict"));
            assertEquals("Called the applicant", operator.page.inputValue("#comment-note"), "nothing typed is lost");
            operator.check("conflict");
            operator.page.click("#do-comment");
            operator.page.waitForSelector("#notice");

            // bulk: register two at once, each reported
            operator.go("/workbench?q=" + (tag + " bulk").replace(" ", "+"));
            // selected with the keyboard: j moves to the next request, x selects it
            operator.page.locator("h1").click();
            operator.page.keyboard().press("j");
            operator.page.keyboard().press("x");
            operator.page.keyboard().press("j");
            operator.page.keyboard().press("x");
            assertTrue(operator.page.isChecked("#s-" + bulkOne) && operator.page.isChecked("#s-" + bulkTwo),
                    "j and x selected both requests");
            operator.page.keyboard().press("/");
            assertEquals("q", operator.page.evaluate("document.activeElement.id"), "/ goes to the search");
            operator.page.selectOption("#bulk-action", "register");
            operator.page.click("#bulk-submit");
            operator.page.waitForSelector("#bulk-results");
            assertEquals(2, operator.page.locator("#bulk-results li.result-done").count());
            operator.check("bulk");

            // an operator of another branch sees none of it
            Visit stranger = signIn(chromium.browser(), "op-kar-rb");
            stranger.go("/workbench?q=" + tag.replace(" ", "+"));
            assertEquals(0, stranger.page.locator("#queue tbody tr").count());
            stranger.go("/workbench/requests/" + resolveMe);
            assertEquals(404, stranger.status);
            stranger.check("not-found");

            // the administrator's templates page
            Visit admin = signIn(chromium.browser(), "administrator");
            for (String lang : List.of("kk", "ru", "en")) {
                admin.go("/workbench/templates?lang=" + lang);
                assertEquals(lang, admin.page.getAttribute("html", "lang"));
                admin.check("templates-" + lang);
            }

            // signing out ends the provider's session too
            operator.page.click("#sign-out");
            operator.page.waitForSelector("#message");
            assertTrue(operator.page.url().contains("/workbench/signed-out"), operator.page.url());
            assertTrue(provider.endedSessions().stream().anyMatch(s -> s.username().equals("op-ast-rb")),
                    "the provider's session of op-ast-rb ended");
            operator.check("signed-out");
            operator.go("/workbench");
            assertTrue(operator.page.isVisible("#username"), "signed out: the provider asks to sign in again");

            for (Visit visit : List.of(operator, head, stranger, admin)) {
                visit.assertClean();
            }
        }
    }

    private static String submit(String subject) {
        return TestData.submit(TestData.with(TestData.submission(), "subject", subject)).path("trackingNumber");
    }

    /** A browser of its own, signed in on the provider's login page. */
    private Visit signIn(Browser browser, String username) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(PHONE, 800));
        Visit visit = new Visit(context.newPage(), base.toString().replaceAll("/$", ""));
        visit.page.navigate(visit.base + "/workbench");
        visit.page.waitForSelector("#username");
        visit.page.fill("#username", username);
        visit.page.fill("#password", IdentityProvider.PASSWORD);
        visit.page.click("button[type=submit]");
        visit.page.waitForSelector("main#main");
        return visit;
    }

    private static final class Visit {

        final Page page;
        final String base;
        final List<String> foreign = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        int status;

        Visit(Page page, String base) {
            this.page = page;
            this.base = base;
            page.onResponse(response -> {
                if (response.request().isNavigationRequest() && response.url().startsWith(base)) {
                    status = response.status();
                }
            });
            page.onRequest(request -> {
                String url = request.url();
                // the provider is another site by design: the sign-in and sign-out go there
                if (!url.startsWith(base) && !url.startsWith("http://127.0.0.1:") && !url.startsWith("data:")) {
                    foreign.add(url);
                }
            });
            page.onPageError(errors::add);
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && message.text().contains("Content Security Policy")) {
                    errors.add(message.text());
                }
            });
        }

        void go(String path) {
            page.navigate(base + path);
            page.waitForSelector("main#main, #username");
        }

        void act(String action) {
            page.click("#act-" + action + " summary");
            page.click("#do-" + action);
            page.waitForSelector("#notice");
            assertEquals(200, status, action);
        }

        void check(String name) {
            PageChecks.check(page, name, Path.of("target", "workbench", name));
        }

        void assertClean() {
            assertEquals(List.of(), foreign, "requests to other sites");
            assertEquals(List.of(), errors, "script errors or refused content (CSP) in the pages");
        }
    }

}
