package kz.citizenrequests.workbench;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.answers.AnswerTemplate;
import kz.citizenrequests.answers.AnswerTemplateAdministration;
import kz.citizenrequests.answers.AnswerTemplateResource.AnswerTemplateCommand;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.Problem;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.Role;
import kz.citizenrequests.shared.StaleVersionException;
import kz.citizenrequests.shared.pages.PageLanguage;
import kz.citizenrequests.shared.pages.Texts;
import kz.citizenrequests.workbench.WorkbenchViews.Option;
import kz.citizenrequests.workbench.WorkbenchViews.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administrators' page for answer templates: the list, and one form to create or change a
 * template (with the version it was shown at, so that two administrators do not overwrite each
 * other). The rules (known placeholders, lengths, a known category) are the answers feature's,
 * applied by the same calls the API makes.
 */
@Path("/workbench/templates")
@Produces(MediaType.TEXT_HTML)
public class TemplatePages {

    @CheckedTemplate(basePath = "workbench")
    static class Templates {
        static native TemplateInstance templates(Page page, List<Row> rows, Form form, List<Option> categories,
                                                 List<Option> languages, String notice);
    }

    public record Row(long id, String title, String category, String language, String active) {
    }

    public record Form(String id, int version, String title, String body, String category, String language,
                       boolean active, Map<String, String> errors, String heading) {

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public boolean isNew() {
            return id == null;
        }
    }

    private final WorkbenchTexts texts;
    private final AnswerTemplateAdministration administration;
    private final ReferenceData reference;
    private final Validator validator;
    private final Caller caller;

    public TemplatePages(WorkbenchTexts texts, AnswerTemplateAdministration administration, ReferenceData reference,
                         Validator validator, Caller caller) {
        this.texts = texts;
        this.administration = administration;
        this.reference = reference;
        this.validator = validator;
        this.caller = caller;
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response list(@QueryParam("lang") String lang, @QueryParam("edit") String edit,
                         @QueryParam("saved") String saved, @CookieParam(PageLanguage.COOKIE) String cookie,
                         @HeaderParam("Accept-Language") String accept) {
        Texts t = texts.in(PageLanguage.choose(lang, cookie, accept));
        if (!caller.is(Role.ADMIN)) {
            return forbidden(t, lang);
        }
        Form form = blank(t);
        if (edit != null && edit.matches("[0-9]{1,18}")) {
            try {
                AnswerTemplate template = administration.get(Long.parseLong(edit));
                form = new Form(edit, template.version(), template.title(), template.body(),
                        template.categoryCode() == null ? "" : template.categoryCode(), template.language().wire(),
                        template.active(), Map.of(), t.get("templates_edit"));
            } catch (ProblemException missing) {
                // an unknown id shows the blank form
            }
        }
        return render(200, t, form, saved != null ? t.get("templates_saved") : null, lang);
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(MultivaluedMap<String, String> form, @CookieParam(PageLanguage.COOKIE) String cookie,
                           @HeaderParam("Accept-Language") String accept) {
        return save(null, form, cookie, accept);
    }

    @POST
    @Path("{id}")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response redefine(@PathParam("id") String id, MultivaluedMap<String, String> form,
                             @CookieParam(PageLanguage.COOKIE) String cookie, @HeaderParam("Accept-Language") String accept) {
        return save(id, form, cookie, accept);
    }

    private Response save(String id, MultivaluedMap<String, String> sent, String cookie, String accept) {
        Texts t = texts.in(PageLanguage.choose(null, cookie, accept));
        if (!caller.is(Role.ADMIN)) {
            return forbidden(t, null);
        }
        Map<String, String> fields = WorkbenchResource.single(sent);
        String title = fields.getOrDefault("title", "");
        String body = fields.getOrDefault("body", "").replace("\r\n", "\n");
        String category = fields.getOrDefault("category", "");
        String languageCode = fields.getOrDefault("language", "");
        boolean active = fields.containsKey("active");
        int version = parseInt(fields.get("version"));
        Form typed = new Form(id, version, title, body, category, languageCode, active, Map.of(),
                t.get(id == null ? "templates_new" : "templates_edit"));
        Language language = PageLanguage.known(languageCode).orElse(null);
        AnswerTemplateCommand command = new AnswerTemplateCommand(category.isBlank() ? null : category, language, title,
                body, active);
        Map<String, String> errors = new LinkedHashMap<>();
        Set<ConstraintViolation<AnswerTemplateCommand>> violations = validator.validate(command);
        violations.forEach(v -> errors.put(v.getPropertyPath().toString(), v.getMessage()));
        if (errors.isEmpty()) {
            try {
                AnswerTemplate saved = id == null ? administration.create(command.definition())
                        : administration.redefine(Long.parseLong(id), version, command.definition());
                return Response.seeOther(URI.create("/workbench/templates?saved=1&edit=" + saved.id()))
                        .header("Cache-Control", "no-store").build();
            } catch (StaleVersionException stale) {
                errors.put("version", stale.getMessage());
            } catch (ProblemException refused) {
                for (Problem.FieldError error : refused.errors()) {
                    errors.put(error.field(), error.message());
                }
                if (errors.isEmpty()) {
                    errors.put("title", refused.getMessage());
                }
            } catch (NumberFormatException badId) {
                errors.put("title", "unknown template");
            }
        }
        Form refused = new Form(typed.id(), typed.version(), title, body, category, languageCode, active, errors,
                typed.heading());
        return render(errors.containsKey("version") ? 412 : 400, t, refused, null, null);
    }

    private Response render(int status, Texts t, Form form, String notice, String lang) {
        List<Row> rows = administration.list(null, null, null).stream()
                .map(template -> new Row(template.id(), template.title(), template.categoryCode() == null
                        ? t.get("templates_any_category")
                        : reference.categoryEvenIfRetired(template.categoryCode()).map(c -> c.names().in(t.lang()))
                                .orElse(template.categoryCode()),
                        template.language().wire(), t.get(template.active() ? "templates_yes" : "templates_no")))
                .toList();
        List<Option> categories = reference.categories().stream()
                .map(c -> new Option(c.code(), c.names().in(t.lang()), c.code().equals(form.category()))).toList();
        List<Option> languages = List.of(new Option("kk", "Қазақша", "kk".equals(form.language())),
                new Option("ru", "Русский", "ru".equals(form.language())),
                new Option("en", "English", "en".equals(form.language())));
        Page page = new Page(t, t.get("templates_title"), "templates", t.format("nav_signed_in_as",
                caller.displayName() == null ? Role.ADMIN.claim() : caller.displayName()), false, true, false,
                "/workbench/templates?");
        return WorkbenchResource.html(status, Templates.templates(page, rows, form, categories, languages, notice), lang);
    }

    private Form blank(Texts t) {
        return new Form(null, 0, "", "", "", t.lang(), true, Map.of(), t.get("templates_new"));
    }

    private Response forbidden(Texts t, String lang) {
        Page page = new Page(t, t.get("forbidden_title"), "", "", caller.isStaff(), false, caller.is(Role.LEADERSHIP),
                "/workbench/templates?");
        return WorkbenchResource.html(403, WorkbenchResource.Templates.message(page, t.get("forbidden_title"),
                t.get("forbidden_text"), "/workbench", t.get("nav_queue")), lang);
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
