package kz.citizenrequests.workbench;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import kz.citizenrequests.casework.RequestNotFoundException;
import kz.citizenrequests.casework.TrackingNumber;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Role;
import kz.citizenrequests.shared.pages.PageLanguage;
import kz.citizenrequests.shared.pages.Texts;
import kz.citizenrequests.workbench.WorkbenchViews.BulkResult;
import kz.citizenrequests.workbench.WorkbenchViews.CasePage;
import kz.citizenrequests.workbench.WorkbenchViews.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The staff workbench: the branch's queue, a request's page with the acts open to the
 * caller, bulk acts. Staff sign in with the provider's code flow (tenant {@code workbench});
 * the pages also take a bearer token, so that the same pages serve scripts and tests. Every
 * act goes through {@link StaffDesk} to casework's one guarded place.
 */
@Path("/workbench")
@Produces(MediaType.TEXT_HTML)
public class WorkbenchResource {

    @CheckedTemplate(basePath = "workbench")
    static class Templates {
        static native TemplateInstance queue(Page page, WorkbenchViews.QueuePage queue);

        static native TemplateInstance request(Page page, CasePage request);

        static native TemplateInstance bulk(Page page, List<BulkResult> results);

        static native TemplateInstance message(Page page, String heading, String text, String link, String linkText);
    }

    private final WorkbenchTexts texts;
    private final StaffDesk desk;
    private final Caller caller;

    public WorkbenchResource(WorkbenchTexts texts, StaffDesk desk, Caller caller) {
        this.texts = texts;
        this.desk = desk;
        this.caller = caller;
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response queue(@Context UriInfo uri, @CookieParam(PageLanguage.COOKIE) String cookie,
                          @HeaderParam("Accept-Language") String accept) {
        String lang = uri.getQueryParameters().getFirst("lang");
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        if (!caller.isStaff()) {
            return notForThisRole(t, lang);
        }
        Map<String, String> filters = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> filters.put(name, values.get(0)));
        try {
            var queue = desk.queue(t, caller, filters);
            return html(200, Templates.queue(page(t, t.format("queue_title", queue.branch()), "queue", "/workbench?"), queue),
                    lang);
        } catch (InvalidInputException bad) {
            filters.clear();
            var queue = desk.queue(t, caller, filters);
            return html(400, Templates.queue(page(t, t.format("queue_title", queue.branch()), "queue", "/workbench?"), queue),
                    lang);
        }
    }

    @GET
    @Path("requests/{trackingNumber}")
    @Authenticated
    @Operation(hidden = true)
    public Response request(@PathParam("trackingNumber") String trackingNumber, @QueryParam("lang") String lang,
                            @QueryParam("done") String done, @CookieParam(PageLanguage.COOKIE) String cookie,
                            @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        if (!caller.isStaff()) {
            return notForThisRole(t, lang);
        }
        if (!TrackingNumber.isWellFormed(trackingNumber)) {
            return notFound(t, lang);
        }
        String notice = doneNotice(t, done);
        try {
            CasePage request = desk.casePage(t, caller, trackingNumber, notice, null);
            return html(200, Templates.request(casePage(t, request), request), lang);
        } catch (RequestNotFoundException missing) {
            return notFound(t, lang);
        }
    }

    @POST
    @Path("requests/{trackingNumber}")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response act(@PathParam("trackingNumber") String trackingNumber, MultivaluedMap<String, String> form,
                        @CookieParam(PageLanguage.COOKIE) String cookie, @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(null, cookie, accept));
        if (!caller.isStaff()) {
            return notForThisRole(t, null);
        }
        if (!TrackingNumber.isWellFormed(trackingNumber)) {
            return notFound(t, null);
        }
        Map<String, String> fields = single(form);
        try {
            if ("template".equals(fields.get("intent"))) {
                CasePage request = desk.withTemplate(t, caller, trackingNumber, fields);
                return html(200, Templates.request(casePage(t, request), request), null);
            }
            StaffDesk.Acted acted = desk.act(t, caller, trackingNumber, fields);
            if (acted.page() == null) {
                return Response.seeOther(URI.create("/workbench/requests/" + trackingNumber + "?done="
                        + fields.get("action"))).header("Cache-Control", "no-store").build();
            }
            return html(acted.status(), Templates.request(casePage(t, acted.page()), acted.page()), null);
        } catch (RequestNotFoundException missing) {
            return notFound(t, null);
        }
    }

    @POST
    @Path("bulk")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response bulk(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                         @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(null, cookie, accept));
        if (!caller.isStaff()) {
            return notForThisRole(t, null);
        }
        List<String> selected = form.getOrDefault("selected", List.of());
        Page page = page(t, t.get("bulk_results_title"), "queue", "/workbench?");
        try {
            return html(200, Templates.bulk(page, desk.bulk(t, caller, single(form), selected)), null);
        } catch (InvalidInputException bad) {
            return html(400, Templates.message(page, t.get("bulk_results_title"), t.get("bulk_none"), "/workbench",
                    t.get("bulk_back")), null);
        }
    }

    /**
     * Signing out: quarkus-oidc answers this path itself for a signed-in session (it clears the
     * session and sends the browser to the provider's end-session endpoint, which comes back to
     * {@code signed-out}); the path only has to ask for authentication so that it runs. A caller
     * with a bearer token has no session to end.
     */
    @GET
    @Path("sign-out")
    @Authenticated
    @Operation(hidden = true)
    public Response signOut() {
        return Response.seeOther(URI.create("/workbench/signed-out")).header("Cache-Control", "no-store").build();
    }

    /** Where the provider sends the browser back after signing out; nothing here needs a session. */
    @GET
    @Path("signed-out")
    @PermitAll
    @Operation(hidden = true)
    public Response signedOut(@QueryParam("lang") String lang, @CookieParam(PageLanguage.COOKIE) String cookie,
                              @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        Page page = new Page(t, t.get("signed_out_title"), "", null, false, false, false, "/workbench/signed-out?");
        return html(200, Templates.message(page, t.get("signed_out_title"), t.get("signed_out_text"), "/workbench",
                t.get("signed_out_again")), lang);
    }

    private Page page(Texts t, String title, String active, String languagePrefix) {
        String who = caller.role().map(role -> switch (role) {
            case OPERATOR -> t.format("role_operator", caller.branch().orElse(""));
            case BRANCH_HEAD -> t.format("role_branch_head", caller.branch().orElse(""));
            default -> role.claim();
        }).orElse("");
        String name = caller.displayName();
        return new Page(t, title, active, t.format("nav_signed_in_as", name == null ? who : name + ", " + who),
                caller.isStaff(), caller.is(Role.ADMIN), caller.is(Role.LEADERSHIP), languagePrefix);
    }

    private Page casePage(Texts t, CasePage request) {
        return page(t, t.format("request_title", request.trackingNumber()), "queue",
                "/workbench/requests/" + request.trackingNumber() + "?");
    }

    private Response notForThisRole(Texts t, String lang) {
        Page page = page(t, t.get("forbidden_title"), "", "/workbench?");
        return html(403, Templates.message(page, t.get("forbidden_title"), t.get("forbidden_text"),
                caller.is(Role.ADMIN) ? "/workbench/templates" : "/dashboard/",
                caller.is(Role.ADMIN) ? t.get("nav_templates") : t.get("nav_dashboard")), lang);
    }

    private Response notFound(Texts t, String lang) {
        Page page = page(t, t.get("not_found_title"), "queue", "/workbench?");
        return html(404, Templates.message(page, t.get("not_found_title"), t.get("not_found_text"), "/workbench",
                t.get("request_back")), lang);
    }

    private static String doneNotice(Texts t, String done) {
        if (done == null || !done.matches("[a-z_]{1,32}")) {
            return null;
        }
        try {
            return t.format("request_done", t.get("history_" + done));
        } catch (IllegalStateException unknown) {
            return null;
        }
    }

    static Response html(int status, TemplateInstance page, String chosenLanguage) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8")
                .entity(page.render())
                // personal data and versions: never kept by a cache
                .header("Cache-Control", "no-store")
                .header("Vary", "Accept-Language, Cookie");
        PageLanguage.known(chosenLanguage).map(PageLanguage::remember).ifPresent(response::cookie);
        return response.build();
    }

    static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> fields = new HashMap<>();
        form.forEach((name, values) -> {
            if (!values.isEmpty()) {
                fields.put(name, values.get(0));
            }
        });
        return fields;
    }
}
