package kz.citizenrequests.answers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.casework.CaseworkService.Performer;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Staff draw the drafts of an answer from the templates, filled in for one request of their branch. */
@Path("/api/v1/requests/{trackingNumber}/answer-drafts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Requests")
public class AnswerDraftResource {

    private final AnswerDrafts drafts;
    private final Caller caller;

    public AnswerDraftResource(AnswerDrafts drafts, Caller caller) {
        this.drafts = drafts;
        this.caller = caller;
    }

    @Schema(name = "AnswerDraft")
    public record AnswerDraftView(
            long id, String title, Language language,
            @Schema(description = "The template, placeholders as written") String body,
            @Schema(description = "The template filled in for this request: the draft to edit") String text) {
    }

    @GET
    @RolesAllowed({Role.Names.OPERATOR, Role.Names.BRANCH_HEAD})
    @Operation(summary = "Draft an answer from the templates",
            description = "The active templates of the request's category and those for any category, in one language, "
                    + "each filled in for the request (tracking number, dates, branch, category; never personal data). "
                    + "Only staff of the request's branch; another branch's request is 404, as reading it is.")
    @APIResponse(responseCode = "200", description = "The drafts, the category's own first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerDraftView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid language")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not staff, or a staff token without a branch")
    @APIResponse(responseCode = "404", description = "Unknown tracking number, or not the caller's branch")
    public Response drafts(@PathParam("trackingNumber") String trackingNumber,
                           @Parameter(description = "Language of the templates; default the request's",
                                   schema = @Schema(implementation = Language.class)) @QueryParam("language") String language) {
        ParameterReader read = new ParameterReader();
        Language parsed = read.oneOf("language", language, Language.values());
        read.refuseIfAny();
        List<AnswerDraftView> views = drafts.forRequest(trackingNumber, parsed, Performer.staff(caller)).stream()
                .map(d -> new AnswerDraftView(d.template().id(), d.template().title(), d.template().language(),
                        d.template().body(), d.text()))
                .toList();
        return Response.ok(views).header("Cache-Control", "no-store").build();
    }
}
