package kz.citizenrequests.casework;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.casework.StaffNotices.NoticeView;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The staff's inbox of deadline events for their branch. */
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Requests")
public class StaffNoticeResource {

    private final StaffNotices notices;
    private final Caller caller;

    public StaffNoticeResource(StaffNotices notices, Caller caller) {
        this.notices = notices;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.Names.OPERATOR, Role.Names.BRANCH_HEAD})
    @Operation(summary = "List the caller's deadline notices",
            description = "Newest first. A branch head sees every notice of the branch (warnings before due dates, "
                    + "escalations of its requests and, for a regional branch, of its region's, late forwards received); "
                    + "an operator the warnings addressed to them or to the branch's operators.")
    @APIResponse(responseCode = "200", description = "One page of notices",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not staff")
    public Response list(@QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        int p = Parameters.wholeNumber("page", page, 0, 100_000);
        int s = Parameters.wholeNumber("size", size, 1, QueueQuery.MAX_SIZE);
        return Response.ok(notices.of(caller.staffBranch(), caller.actorName(), caller.is(Role.BRANCH_HEAD), p, s))
                .header("Cache-Control", "no-store").build();
    }
}
