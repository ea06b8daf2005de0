package kz.citizenrequests.portal;

import kz.citizenrequests.shared.pages.Texts;
import kz.citizenrequests.shared.pages.PageLanguage;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.casework.TrackingNumber;
import kz.citizenrequests.portal.CitizenDesk.Followed;
import kz.citizenrequests.portal.CitizenDesk.NotShown;
import kz.citizenrequests.portal.CitizenDesk.Refused;
import kz.citizenrequests.portal.CitizenDesk.Sent;
import kz.citizenrequests.portal.CitizenDesk.Shown;
import kz.citizenrequests.portal.CitizenDesk.Stored;
import kz.citizenrequests.portal.PortalViews.Figures;
import kz.citizenrequests.portal.PortalViews.FollowForm;
import kz.citizenrequests.portal.PortalViews.Hidden;
import kz.citizenrequests.portal.PortalViews.LanguageSwitch;
import kz.citizenrequests.portal.PortalViews.Page;
import kz.citizenrequests.portal.PortalViews.Receipt;
import kz.citizenrequests.portal.PortalViews.RequestPage;
import kz.citizenrequests.portal.PortalViews.SubmitForm;
import kz.citizenrequests.reporting.SummaryReport;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The citizen's pages, rendered on the server in Kazakh, Russian or English: home, the form,
 * the receipt, following a request and withdrawing it. Every page works without JavaScript;
 * portal.js only adds the character count, the district filter, the IIN check and copying.
 * The access code travels in form bodies only, never in a URL, and no page that shows a
 * request may be stored by a cache.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PortalResource {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance home(Page page, Figures figures);

        static native TemplateInstance submit(Page page, SubmitForm form);

        static native TemplateInstance receipt(Page page, Receipt receipt);

        static native TemplateInstance follow(Page page, FollowForm form);

        static native TemplateInstance request(Page page, RequestPage request);

        static native TemplateInstance withdraw(Page page, RequestPage request);
    }

    private final PortalTexts texts;
    private final CitizenDesk desk;
    private final HeadlineFigures figures;

    public PortalResource(PortalTexts texts, CitizenDesk desk, HeadlineFigures figures) {
        this.texts = texts;
        this.desk = desk;
        this.figures = figures;
    }

    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response home(@QueryParam("lang") String lang, @CookieParam(PageLanguage.COOKIE) String cookie,
                         @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        SummaryReport summary = figures.current();
        Figures shown = new Figures(Integer.toString(summary.query().from().getYear()), t.number(summary.received()),
                t.percent(summary.resolutionRate()), t.percent(summary.onTimeRate()), t.date(summary.asOf()));
        Page page = new Page(t, t.get("site_name"), "home", LanguageSwitch.links("/?"));
        return html(200, Templates.home(page, shown), lang, false);
    }

    @GET
    @PermitAll
    @Path("submit")
    @Operation(hidden = true)
    public Response submitForm(@QueryParam("lang") String lang, @CookieParam(PageLanguage.COOKIE) String cookie,
                               @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        // no-store: the form carries its own Idempotency-Key, which must not be handed to anyone else
        return html(200, Templates.submit(submitPage(t), desk.blankForm(t)), lang, true);
    }

    @POST
    @PermitAll
    @Path("submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response submit(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                           @HeaderParam("Accept-Language") String accept, @Context HttpServerRequest http) {
        Posted sent = posted(form, cookie, accept);
        Texts t = sent.t();
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        Sent result = desk.submit(t, sent.fields(), address);
        if (result instanceof Stored stored) {
            return html(201, Templates.receipt(receiptPage(t, stored.receipt()), stored.receipt()), null, true);
        }
        Refused refused = (Refused) result;
        Response.ResponseBuilder response = page(refused.status(), Templates.submit(submitPage(t), refused.form()),
                null, true);
        if (refused.retryAfterSeconds() != null) {
            response.header("Retry-After", refused.retryAfterSeconds());
        }
        return response.build();
    }

    /** The language switch on the form: the same form, as typed, in the other language; nothing is sent. */
    @POST
    @PermitAll
    @Path("submit/language")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response submitFormIn(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                                 @HeaderParam("Accept-Language") String accept) {
        Posted sent = posted(form, cookie, accept);
        return html(200, Templates.submit(submitPage(sent.t()), desk.formAsSent(sent.t(), sent.fields())), sent.lang(), true);
    }

    /** The receipt again in another language: posted with the number and code it shows. */
    @POST
    @PermitAll
    @Path("receipt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response receipt(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                            @HeaderParam("Accept-Language") String accept) {
        Posted sent = posted(form, cookie, accept);
        Texts t = sent.t();
        String lang = sent.lang();
        Optional<Receipt> receipt = desk.receipt(t, sent.get("number"), sent.get("code"));
        if (receipt.isEmpty()) {
            return followForm(t, new FollowForm(sent.fields().getOrDefault("number", ""), null, null, t.get("follow_not_found")),
                    404, lang);
        }
        return html(200, Templates.receipt(receiptPage(t, receipt.get()), receipt.get()), lang, true);
    }

    @GET
    @PermitAll
    @Path("follow")
    @Operation(hidden = true)
    public Response followForm(@QueryParam("lang") String lang, @QueryParam("number") String number,
                               @CookieParam(PageLanguage.COOKIE) String cookie,
                               @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        // a link in a notification names the request (never its code), so the citizen types the code only
        String known = number != null && TrackingNumber.isWellFormed(number.trim()) ? number.trim() : "";
        return followForm(t, new FollowForm(known, null, null, null), 200, lang);
    }

    @POST
    @PermitAll
    @Path("follow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response follow(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                           @HeaderParam("Accept-Language") String accept) {
        Posted sent = posted(form, cookie, accept);
        return followed(sent.t(), desk.follow(sent.t(), sent.get("number"), sent.get("code"), null), sent.lang());
    }

    /**
     * Withdrawing asks first: without {@code confirm=yes} this shows the question; with it, the
     * request is withdrawn at the version the citizen saw and its page is shown again.
     */
    @POST
    @PermitAll
    @Path("follow/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response withdraw(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                             @HeaderParam("Accept-Language") String accept) {
        Posted sent = posted(form, cookie, accept);
        Texts t = sent.t();
        String lang = sent.lang();
        int version = version(sent.get("version"));
        if (!"yes".equals(sent.get("confirm")) || version < 0) {
            Followed followed = desk.follow(t, sent.get("number"), sent.get("code"), null);
            if (followed instanceof Shown shown && shown.page().may("withdraw")) {
                RequestPage request = shown.page();
                Page page = new Page(t, t.format("withdraw_confirm_title", request.trackingNumber()), "follow",
                        LanguageSwitch.form("/follow/withdraw", carried(request)));
                return html(200, Templates.withdraw(page, request), lang, true);
            }
            return followed(t, followed, lang);
        }
        return followed(t, desk.withdraw(t, sent.get("number"), sent.get("code"), version, sent.get("reason")), lang);
    }

    /** The citizen's answer to the decision: satisfied or not, a rating, a comment. */
    @POST
    @PermitAll
    @Path("follow/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response answer(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                           @HeaderParam("Accept-Language") String accept) {
        Posted sent = posted(form, cookie, accept);
        return followed(sent.t(), desk.answer(sent.t(), sent.get("number"), sent.get("code"), version(sent.get("version")),
                sent.get("satisfied"), sent.get("rating"), sent.get("comment")), null);
    }

    /** A follow-up comment on an open request. */
    @POST
    @PermitAll
    @Path("follow/comment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response comment(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                            @HeaderParam("Accept-Language") String accept) {
        Posted sent = posted(form, cookie, accept);
        return followed(sent.t(), desk.comment(sent.t(), sent.get("number"), sent.get("code"),
                version(sent.get("version")), sent.get("comment")), null);
    }

    private Response followed(Texts t, Followed followed, String lang) {
        if (followed instanceof NotShown notShown) {
            return followForm(t, notShown.form(), notShown.form().general() != null ? 404 : 400, lang);
        }
        RequestPage request = ((Shown) followed).page();
        Page page = new Page(t, t.format("request_title", request.trackingNumber()), "follow",
                LanguageSwitch.form("/follow", carried(request)));
        return html(200, Templates.request(page, request), lang, true);
    }

    private Response followForm(Texts t, FollowForm form, int status, String lang) {
        // the switch keeps a number the page holds (never the code, which only a form carries)
        String here = TrackingNumber.isWellFormed(form.number()) ? "/follow?number=" + form.number() + "&" : "/follow?";
        Page page = new Page(t, t.get("follow_title"), "follow", LanguageSwitch.links(here));
        return html(status, Templates.follow(page, form), lang, true);
    }

    private static Page submitPage(Texts t) {
        return new Page(t, t.get("submit_title"), "submit", LanguageSwitch.mainForm("/submit/language"));
    }

    private static Page receiptPage(Texts t, Receipt receipt) {
        return new Page(t, t.get("receipt_title"), "submit", LanguageSwitch.form("/receipt",
                List.of(new Hidden("number", receipt.trackingNumber()), new Hidden("code", receipt.accessCode()))));
    }

    private static List<Hidden> carried(RequestPage request) {
        return List.of(new Hidden("number", request.trackingNumber()), new Hidden("code", request.accessCode()));
    }

    /**
     * The page, in HTML. A language chosen with the switch is remembered in a cookie; pages that
     * show a request or carry a form's key are never stored by a cache ({@code no-store}).
     */
    private static Response html(int status, TemplateInstance page, String chosenLanguage, boolean noStore) {
        return page(status, page, chosenLanguage, noStore).build();
    }

    private static Response.ResponseBuilder page(int status, TemplateInstance page, String chosenLanguage,
                                                 boolean noStore) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8")
                .entity(page.render())
                .header("Cache-Control", noStore ? "no-store" : "no-cache")
                .header("Vary", "Accept-Language, Cookie");
        PageLanguage.known(chosenLanguage).map(PageLanguage::remember).ifPresent(response::cookie);
        return response;
    }

    /** A posted form: its fields (first value each), the language chosen with it, and the words of the page. */
    private record Posted(Map<String, String> fields, String lang, Texts t) {

        String get(String field) {
            return fields.get(field);
        }
    }

    private Posted posted(MultivaluedMap<String, String> form, String cookie, String accept) {
        Map<String, String> fields = single(form);
        String lang = fields.get("lang");
        return new Posted(fields, lang, texts.in(PageLanguage.choose(lang, cookie, accept)));
    }

    /** The first value of each field; a textarea's CR LF line ends arrive as LF, as from JSON. */
    private static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        form.forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, kz.citizenrequests.shared.Text.lineEnds(list.get(0)));
            }
        });
        return values;
    }

    private static int version(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
