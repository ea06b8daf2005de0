package kz.citizenrequests.workbench;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.shared.SignInTenants;
import kz.citizenrequests.shared.pages.PageLanguage;
import kz.citizenrequests.shared.pages.Texts;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/**
 * Dev mode without an identity provider: a page takes a token minted by
 * {@code scripts/mint-token.sh} and keeps it in a cookie, and a filter hands it to the pages
 * as a bearer token (verified with the dev key like any API call). Built into the dev profile
 * only: the packaged application has neither the page nor the filter (PackagedApplicationIT
 * proves it). {@code citizen-requests.workbench.dev-sign-in=false} signs in through the provider
 * instead (then also set {@code quarkus.oidc.workbench.tenant-enabled=true}).
 */
@IfBuildProfile("dev")
@Path("/workbench/dev-sign-in")
public class DevSignIn {

    static final String COOKIE = "dev_token";

    private final WorkbenchTexts texts;
    private final Template page;

    public DevSignIn(WorkbenchTexts texts, @Location("workbench/dev-sign-in.html") Template page) {
        this.texts = texts;
        this.page = page;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response form(@QueryParam("lang") String lang, @CookieParam(PageLanguage.COOKIE) String cookie,
                         @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        return Response.ok(page.data("page", new WorkbenchViews.Page(t, t.get("dev_title"), "", null, false, false, false,
                "/workbench/dev-sign-in?")).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("token") String token) {
        String value = token == null ? "" : token.trim();
        if (!value.matches("[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+")) {
            return Response.seeOther(URI.create("/workbench/dev-sign-in")).build();
        }
        NewCookie session = new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/workbench")).cookie(session).build();
    }

    /** Carries the dev token to the pages (and the dashboard's reads), and signs out by forgetting it. */
    @IfBuildProfile("dev")
    @ApplicationScoped
    static class Carrier {

        private final boolean enabled;

        Carrier(@ConfigProperty(name = "citizen-requests.workbench.dev-sign-in", defaultValue = "true") boolean enabled) {
            this.enabled = enabled;
        }

        void install(@Observes Router router) {
            // before everything but the screening of malformed requests (HttpRefusals)
            router.route().order(Integer.MIN_VALUE + 10).handler(this::carry);
        }

        void carry(RoutingContext rc) {
            String path = rc.normalizedPath();
            if (!enabled || rc.request().getHeader("Authorization") != null) {
                rc.next();
                return;
            }
            Cookie token = rc.request().getCookie(COOKIE);
            boolean page = SignInTenants.isPage(path);
            boolean reportRead = rc.request().method() == HttpMethod.GET && path.startsWith("/api/v1/reports/");
            if (path.equals("/workbench/sign-out")) {
                rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
                rc.response().setStatusCode(303).putHeader("Location", "/workbench/signed-out").end();
            } else if (token != null && (page || reportRead)) {
                rc.request().headers().set("Authorization", "Bearer " + token.getValue());
                rc.next();
            } else if (token == null && page && rc.request().method() == HttpMethod.GET
                    && !path.startsWith("/workbench/dev-sign-in") && !path.equals("/workbench/signed-out")
                    && !path.matches(".*\\.(js|css|svg)$")) {
                rc.response().setStatusCode(303).putHeader("Location", "/workbench/dev-sign-in").end();
            } else {
                rc.next();
            }
        }
    }
}
