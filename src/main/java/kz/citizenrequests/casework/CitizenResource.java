package kz.citizenrequests.casework;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.casework.CaseworkService.Performer;
import kz.citizenrequests.casework.CaseworkViews.CitizenRequestView;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A signed-in citizen's own requests. */
@Path("/api/v1/citizen/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Requests")
public class CitizenResource {

    private final CaseworkService casework;
    private final Caller caller;

    public CitizenResource(CaseworkService casework, Caller caller) {
        this.casework = casework;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(summary = "List the caller's own requests", description = "Requests submitted with this citizen's token, newest first.")
    @APIResponse(responseCode = "200", description = "The requests (history omitted; read one for its history)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CitizenRequestView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a citizen token")
    public Response own(@QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        int p = Parameters.wholeNumber("page", page, 0, 100_000);
        int s = Parameters.wholeNumber("size", size, 1, QueueQuery.MAX_SIZE);
        return Response.ok(casework.ownRequests(Performer.citizen(caller), p, s)).header("Cache-Control", "no-store").build();
    }

}
