package kz.citizenrequests.open311;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import kz.citizenrequests.shared.Role;
import jakarta.ws.rs.Consumes;
import kz.citizenrequests.shared.Parameters;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.open311.ApiKeyViews.ApiKeyView;
import kz.citizenrequests.open311.ApiKeyViews.DailyQuotaCommand;
import kz.citizenrequests.open311.ApiKeyViews.IssueApiKeyCommand;
import kz.citizenrequests.open311.ApiKeyViews.IssuedApiKeyView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Administrators issue and revoke the api_keys of Open311 clients. Access control comes with issue 3. */
@Path("/api/v1/admin/open311-keys")
@RolesAllowed(Role.Names.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open311 administration")
public class ApiKeyResource {

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an Open311 api key", description = "The key is in the answer once; only its hash is stored.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "The client name is missing or too long")
    public Response issue(@Valid @NotNull IssueApiKeyCommand command) {
        IssuedApiKeyView issued = keys.issue(command);
        return Response.status(Response.Status.CREATED).entity(issued).header("Cache-Control", "no-store").build();
    }

    @GET
    @Operation(summary = "List the Open311 api keys", description = "Without the secrets.")
    @APIResponse(responseCode = "200", description = "Every key, active or revoked")
    public List<ApiKeyView> list() {
        return keys.all();
    }

    @PUT
    @Path("/{id}/daily-quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set an Open311 api key's daily quota",
            description = "Submissions the key may make per Kazakhstan day (counted in PostgreSQL, so across instances); "
                    + "null returns it to citizen-requests.open311.default-daily-quota. Past it, Open311 answers 429 "
                    + "with Retry-After. The citizens' own daily caps do not apply to integrators.")
    @APIResponse(responseCode = "200", description = "Set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "A quota that is not a positive whole number")
    @APIResponse(responseCode = "404", description = "No key has this id")
    public ApiKeyView limit(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                            @PathParam("id") String id, @Valid @NotNull DailyQuotaCommand command) {
        Integer number = Parameters.digits(id);
        return keys.limit(number == null ? -1 : number, command.dailyQuota());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an Open311 api key", description = "The key stays listed with its revocation time; revoking again changes nothing.")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "No key has this id")
    public ApiKeyView revoke(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                             @PathParam("id") String id) {
        Integer number = Parameters.digits(id);
        // an id that is not a number names no key, like an unknown one
        return keys.revoke(number == null ? -1 : number);
    }
}
