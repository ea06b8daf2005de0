package kz.citizenrequests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.SelectOption;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The browser half of {@code scripts/e2e-keycloak.sh}: a staff member signs in on the
 * packaged service's workbench through Keycloak's real login page, works a request to its
 * answer and signs out. Not a test of the suite (its name ends in neither Test nor IT, so
 * surefire and failsafe never run it): the script starts Keycloak, the service and the
 * request, then runs this class's {@code main} with Debian's chromium.
 *
 * <p>System properties (the script sets them): {@code e2e.base} (the service,
 * {@code http://localhost:8095}), {@code e2e.realm} (the realm URL), {@code e2e.number} (the
 * tracking number), {@code e2e.branch} (the branch that holds it), {@code e2e.username} (its operator),
 * {@code e2e.password}, {@code e2e.client} and
 * {@code e2e.keycloak-admin} ({@code user:password} of the master realm's administrator, to
 * look at the user's Keycloak sessions), {@code e2e.out} (screenshots).
 *
 * <p>Prints one line per check, {@code PASS} or {@code FAIL}; exits with the number of failures.
 */
public final class KeycloakWorkbenchWalk {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base = required("e2e.base");
    private final String realm = required("e2e.realm");
    private final String number = required("e2e.number");
    private final String username = required("e2e.username");
    private final String password = required("e2e.password");
    private final String branch = required("e2e.branch");
    private final String client = System.getProperty("e2e.client", "citizen-requests-workbench");
    private final String keycloakAdmin = System.getProperty("e2e.keycloak-admin", "admin:admin");
    private final Path out = Path.of(System.getProperty("e2e.out", "target/e2e-keycloak"));

    private int checks;
    private int failures;
    private int shots;
    private Page page;

    public static void main(String[] args) throws Exception {
        KeycloakWorkbenchWalk walk = new KeycloakWorkbenchWalk();
        int failures = walk.run();
        System.exit(Math.min(failures, 100));
    }

    private int run() throws IOException {
        Files.createDirectories(out);
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true)
                     .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                     .setLocale("en-US").setExtraHTTPHeaders(Map.of("Accept-Language", "en"))
                     .setViewportSize(1280, 900))) {
            context.setDefaultTimeout(20_000);
            context.setDefaultNavigationTimeout(30_000);
            page = context.newPage();
            try {
                walk(context);
            } catch (StepFailed failed) {
                System.out.println("     (the walk stopped there; the page is in " + shot("stopped") + ")");
            } catch (RuntimeException e) {
                checks++;
                fail("the walk went on without an error", e.toString().lines().findFirst().orElse(""));
                System.out.println("     (page " + page.url() + ", screenshot " + shot("error") + ")");
            }
        }
        System.out.printf("browser: %d checks, %d failed%n", checks, failures);
        return failures;
    }

    private void walk(BrowserContext context) {
        String sessionsUrl = keycloakUserSessionsUrl();
        Set<String> sessionsBefore = keycloakSessions(sessionsUrl);

        // 1. The workbench sends an anonymous browser to Keycloak's own login page (code flow, PKCE S256).
        page.navigate(base + "/workbench");
        page.waitForURL(Pattern.compile(Pattern.quote(realm) + "/protocol/openid-connect/auth\\?.*"));
        Map<String, String> auth = query(page.url());
        require("/workbench redirects to Keycloak's authorization endpoint", page.url().startsWith(realm + "/protocol/openid-connect/auth?"),
                page.url());
        require("authorization request: client " + client + ", response_type=code, PKCE S256, redirect back to " + base + "/workbench",
                client.equals(auth.get("client_id")) && "code".equals(auth.get("response_type"))
                        && "S256".equals(auth.get("code_challenge_method")) && auth.get("code_challenge") != null
                        && (base + "/workbench").equals(auth.get("redirect_uri"))
                        && auth.getOrDefault("scope", "").contains("openid"),
                auth.toString());
        page.locator("#kc-login").waitFor();
        require("Keycloak's login form is shown (#username, #password, #kc-login)",
                page.locator("#username").isVisible() && page.locator("#password").isVisible() && page.locator("#kc-login").isVisible(),
                page.url());
        shot("keycloak-login");

        // 2. Sign in as the operator of the branch that holds the request.
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/workbench(\\?.*)?"));
        Locator row = page.locator("#queue tr[data-number='" + number + "']");
        require("signed in as " + username + ": back on " + base + "/workbench, the queue of the branch shows " + number,
                page.locator("h1").textContent().startsWith("Queue of") && row.count() == 1,
                "h1 '" + page.locator("h1").textContent() + "', rows " + page.locator("#queue tbody tr").count());
        String who = page.locator("li.who").textContent();
        check("the header names the signed-in staff member: '" + who + "'", who.contains("operator of " + branch), who);
        check("the session is a cookie of the workbench tenant (q_session_workbench*)", hasSessionCookie(context),
                cookieNames(context));
        Set<String> sessionsSignedIn = keycloakSessions(sessionsUrl);
        Set<String> browserSessions = new HashSet<>(sessionsSignedIn);
        browserSessions.removeAll(sessionsBefore);
        check("Keycloak holds a new session of " + username + " for the browser", browserSessions.size() == 1,
                "before " + sessionsBefore + ", after " + sessionsSignedIn);
        shot("queue");

        // 3. Open the request.
        row.locator("a.open").click();
        page.waitForURL(base + "/workbench/requests/" + number);
        require("the request's page opens with status Received", statusIs("Received"), status());
        check("the citizen's details are shown to the holding branch", page.locator("#subject").textContent().contains("hot water"),
                page.locator("#subject").textContent());
        shot("request");

        // 4. Register, start work.
        act("register");
        require("register: status Registered", statusIs("Registered"), status());
        act("start_work");
        require("start work: status In progress", statusIs("In progress"), status());

        // 5. Resolve with an answer template, edited.
        openAct("resolve");
        Locator picker = page.locator("#resolve-template");
        Locator answer = page.locator("#resolve-answer");
        if (picker.count() == 1 && picker.locator("option").count() > 1) {
            String template = picker.locator("option").nth(1).textContent().trim();
            picker.selectOption(new SelectOption().setIndex(1));
            String filled = answer.inputValue();
            check("template '" + template + "' fills the answer for " + number, filled.contains(number),
                    filled.length() > 80 ? filled.substring(0, 80) + "..." : filled);
            answer.fill(filled + "\n\nThe hot water supply was restored on the day of this answer (e2e-keycloak).");
        } else {
            check("an answer template is offered", false, "no #resolve-template options");
            answer.fill("The hot water supply was restored (e2e-keycloak).");
        }
        page.check("#resolve-outcome-satisfied");
        shot("resolve-form");
        page.click("#do-resolve");
        page.waitForURL(base + "/workbench/requests/" + number + "?done=resolve");
        require("resolve: status Answered (resolved)", statusIs("Answered")
                && page.locator("#status").getAttribute("class").toLowerCase().contains("status-resolved"),
                status() + " / class " + page.locator("#status").getAttribute("class"));
        check("the decision shows outcome Granted and the edited answer",
                page.locator("#outcome").textContent().contains("Granted")
                        && page.locator("#answer").textContent().contains("restored on the day"),
                page.locator("#outcome").textContent());
        shot("resolved");

        // 6. Sign out: RP-initiated logout at Keycloak, back to the signed-out page.
        page.click("#sign-out");
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/workbench/signed-out(\\?.*)?"));
        require("sign-out goes through Keycloak's logout back to " + base + "/workbench/signed-out",
                page.locator("h1").textContent().contains("You have signed out"), page.locator("h1").textContent());
        check("the workbench session cookie is gone", !hasSessionCookie(context), cookieNames(context));
        Set<String> sessionsAfter = keycloakSessions(sessionsUrl);
        check("Keycloak ended the browser's session " + browserSessions, browserSessions.stream().noneMatch(sessionsAfter::contains),
                "still there: " + sessionsAfter);
        shot("signed-out");

        // 7. Keycloak's session is over: the workbench asks for a password again, no queue.
        page.navigate(base + "/workbench");
        page.waitForURL(Pattern.compile(Pattern.quote(realm) + "/protocol/openid-connect/auth\\?.*"));
        page.locator("#kc-login").waitFor();
        check("/workbench again shows Keycloak's login form, not the queue",
                page.locator("#username").isVisible() && page.locator("#password").isVisible()
                        && page.locator("#queue").count() == 0,
                page.url());
        shot("login-again");
    }

    private void act(String action) {
        openAct(action);
        page.click("#do-" + action);
        page.waitForURL(base + "/workbench/requests/" + number + "?done=" + action);
    }

    private void openAct(String action) {
        Locator details = page.locator("#act-" + action);
        details.waitFor();
        if (!(Boolean) details.evaluate("d => d.open")) {
            details.locator("summary").click();
        }
    }

    private boolean statusIs(String text) {
        return text.equals(status());
    }

    private String status() {
        Locator status = page.locator("#status");
        return status.count() == 1 ? status.textContent().trim() : "(no #status on " + page.url() + ")";
    }

    private static boolean hasSessionCookie(BrowserContext context) {
        return context.cookies().stream().anyMatch(c -> c.name.startsWith("q_session_workbench"));
    }

    private static String cookieNames(BrowserContext context) {
        return context.cookies().stream().map(c -> c.name + "@" + c.domain).collect(Collectors.joining(", "));
    }

    // Keycloak's admin API: the ids of the user's sessions, to see the browser's one begin and end.

    private String keycloakUserSessionsUrl() {
        String server = realm.substring(0, realm.indexOf("/realms/"));
        String realmName = realm.substring(realm.indexOf("/realms/") + "/realms/".length());
        JsonNode users = get(server + "/admin/realms/" + realmName + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (users.size() != 1) {
            throw new IllegalStateException("Keycloak has no single user " + username + ": " + users);
        }
        return server + "/admin/realms/" + realmName + "/users/" + users.get(0).path("id").asText() + "/sessions";
    }

    /** A fresh token of the master realm's administrator each time: they live 60 s. */
    private String adminToken() {
        String server = realm.substring(0, realm.indexOf("/realms/"));
        String[] admin = keycloakAdmin.split(":", 2);
        return post(server + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", admin[0], "password", admin[1])).path("access_token").asText();
    }

    private Set<String> keycloakSessions(String url) {
        Set<String> ids = new HashSet<>();
        get(url).forEach(session -> ids.add(session.path("id").asText()));
        return ids;
    }

    private JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminToken()).GET().build());
    }

    private static JsonNode post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // Checks and screenshots.

    private void check(String what, boolean ok, String detail) {
        checks++;
        if (ok) {
            System.out.println("PASS " + what);
        } else {
            fail(what, detail);
        }
    }

    private void fail(String what, String detail) {
        failures++;
        System.out.println("FAIL " + what + (detail == null || detail.isEmpty() ? "" : "\n     " + detail));
    }

    /** A check that later steps need: the walk stops when it fails. */
    private void require(String what, boolean ok, String detail) {
        check(what, ok, detail);
        if (!ok) {
            throw new StepFailed();
        }
    }

    private String shot(String name) {
        Path file = out.resolve(String.format("%02d-%s.png", ++shots, name));
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        } catch (RuntimeException e) {
            return "(no screenshot: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        return file.toString();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property + " is missing (scripts/e2e-keycloak.sh sets it)");
        }
        return value;
    }

    private static final class StepFailed extends RuntimeException {
        StepFailed() {
            super(null, null, false, false);
        }
    }
}
