package kz.citizenrequests.answers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import kz.citizenrequests.shared.IfMatch;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * Administrators keep the answer templates. A template is changed at the version last read
 * ({@code If-Match}); DELETE deactivates it, so staff are no longer offered it while the
 * administrators still see it and can bring it back with a PUT.
 */
@Path("/api/v1/admin/answer-templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@Tag(name = "Administration")
public class AnswerTemplateResource {

    private static final String WHAT = "the answer template";

    private final AnswerTemplateAdministration administration;

    public AnswerTemplateResource(AnswerTemplateAdministration administration) {
        this.administration = administration;
    }

    @Schema(name = "AnswerTemplateCommand")
    public record AnswerTemplateCommand(
            @Size(max = 32) @Schema(nullable = true, examples = "housing_utilities",
                    description = "Category code; null or absent: offered for every category") String category,
            @NotNull @Schema(required = true) Language language,
            @NotBlank @Size(max = 120) @Schema(required = true, maxLength = 120, description = "What staff pick it by") String title,
            @NotBlank @Size(max = 4000) @Schema(required = true, maxLength = 4000,
                    description = "The answer. May name {tracking_number}, {received_on}, {due_on}, {branch}, {category} "
                            + "and {today}; any other name between braces is refused. Never the citizen's personal data.")
            String body,
            @NotNull @Schema(required = true, description = "false: staff are not offered it") Boolean active) {

        public AnswerTemplateAdministration.Definition definition() {
            return new AnswerTemplateAdministration.Definition(ParameterReader.trimToNull(category), language,
                    title.strip(), body.strip(), active);
        }
    }

    @Schema(name = "AnswerTemplate")
    public record AnswerTemplateView(
            long id,
            @Schema(nullable = true, description = "null: any category") String category,
            Language language, String title, String body, boolean active, Instant createdAt, Instant updatedAt,
            @Schema(description = "Send it back in If-Match to change the template") int version) {

        static AnswerTemplateView of(AnswerTemplate t) {
            return new AnswerTemplateView(t.id(), t.categoryCode(), t.language(), t.title(), t.body(), t.active(),
                    t.createdAt(), t.updatedAt(), t.version());
        }
    }

    @GET
    @Operation(summary = "List the answer templates", description = "General templates first, then by category, language and title.")
    @APIResponse(responseCode = "200", description = "The templates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerTemplateView[].class)))
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    public List<AnswerTemplateView> list(
            @Parameter(description = "Category code") @QueryParam("category") String category,
            @Parameter(description = "Language", schema = @Schema(implementation = Language.class)) @QueryParam("language") String language,
            @Parameter(description = "Only active (true) or only inactive (false) templates",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("active") String active) {
        ParameterReader read = new ParameterReader();
        String parsedCategory = read.code("category", category, 32);
        Language parsedLanguage = read.oneOf("language", language, Language.values());
        String parsedActive = read.oneOf("active", active, new String[]{"true", "false"}, s -> s);
        read.refuseIfAny();
        return administration.list(parsedCategory, parsedLanguage, parsedActive == null ? null : Boolean.valueOf(parsedActive))
                .stream().map(AnswerTemplateView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an answer template")
    @APIResponse(responseCode = "201", description = "The template as stored, with its ETag",
            headers = @Header(name = "Location", description = "The template's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerTemplateView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown category or unknown placeholders")
    public Response create(@Valid @NotNull AnswerTemplateCommand command) {
        AnswerTemplate template = administration.create(command.definition());
        return Response.created(UriBuilder.fromPath("/api/v1/admin/answer-templates/{id}").build(template.id()))
                .entity(AnswerTemplateView.of(template)).tag(IfMatch.etag(template.version())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an answer template")
    @APIResponse(responseCode = "200", description = "The template, with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerTemplateView.class)))
    @APIResponse(responseCode = "400", description = "Invalid id")
    @APIResponse(responseCode = "404", description = "No such template")
    public Response get(@PathParam("id") String id) {
        AnswerTemplate template = administration.get(id(id));
        return Response.ok(AnswerTemplateView.of(template)).tag(IfMatch.etag(template.version())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redefine an answer template", description = "If-Match must carry the ETag last read.")
    @APIResponse(responseCode = "200", description = "The template as stored, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerTemplateView.class)))
    @APIResponse(responseCode = "400", description = "Invalid id, body or If-Match; unknown category or placeholders")
    @APIResponse(responseCode = "404", description = "No such template")
    @APIResponse(responseCode = "412", description = "The template changed since the ETag was read")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response redefine(@PathParam("id") String id,
                             @Parameter(in = ParameterIn.HEADER, description = "The ETag of the template as last read", required = true)
                             @HeaderParam("If-Match") String ifMatch,
                             @Valid @NotNull AnswerTemplateCommand command) {
        long parsedId = id(id);
        AnswerTemplate template = administration.redefine(parsedId, IfMatch.version(ifMatch, WHAT), command.definition());
        return Response.ok(AnswerTemplateView.of(template)).tag(IfMatch.etag(template.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Deactivate an answer template",
            description = "Staff are no longer offered it; it stays listed here and a PUT with active true restores it. "
                    + "Deactivating an inactive template changes nothing.")
    @APIResponse(responseCode = "204", description = "Inactive",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Invalid id")
    @APIResponse(responseCode = "404", description = "No such template")
    public Response deactivate(@PathParam("id") String id) {
        administration.deactivate(id(id));
        return Response.noContent().build();
    }

    private static long id(String id) {
        return Parameters.wholeNumber("id", id, 1, Integer.MAX_VALUE);
    }
}
