package kz.citizenrequests.shared;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which of the provider's two tenants authenticates a request. People on the pages (the
 * workbench and the dashboard) sign in with the authorization code flow and then carry a
 * session cookie; every other client of the API sends a bearer token. So: a request with an
 * {@code Authorization} header is always a bearer client (default tenant); a page request
 * without one is a person (tenant {@value #PAGES}); and the dashboard's own reads of the
 * reports, same-origin GETs that carry the session cookie, belong to that person too. No
 * unsafe method reaches the API on a cookie: a write needs a bearer token.
 */
@ApplicationScoped
public class SignInTenants implements TenantResolver {

    public static final String PAGES = "workbench";
    /** quarkus-oidc's name of the default tenant: an explicit answer, so that no other rule picks one. */
    static final String API = "Default";
    static final String SESSION_COOKIE = "q_session_" + PAGES;

    @Override
    public String resolve(RoutingContext context) {
        if (context.request().getHeader("Authorization") != null) {
            return API;
        }
        String path = context.normalizedPath();
        if (isPage(path)) {
            return PAGES;
        }
        boolean read = context.request().method() == HttpMethod.GET || context.request().method() == HttpMethod.HEAD;
        if (read && path.startsWith("/api/v1/reports/") && hasSession(context)) {
            return PAGES;
        }
        return API;
    }

    public static boolean isPage(String path) {
        return path.equals("/workbench") || path.startsWith("/workbench/")
                || path.equals("/dashboard") || path.startsWith("/dashboard/");
    }

    private static boolean hasSession(RoutingContext context) {
        return context.request().cookies().stream().anyMatch(c -> c.getName().startsWith(SESSION_COOKIE));
    }
}
