package kz.citizenrequests.notifications;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import kz.citizenrequests.notifications.NotificationAdministration.NotificationView;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Administrators watch the notifications that could not be delivered and resend them. */
@Path("/api/v1/admin/notifications")
@RolesAllowed(Role.Names.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class NotificationResource {

    private final NotificationAdministration administration;

    public NotificationResource(NotificationAdministration administration) {
        this.administration = administration;
    }

    @GET
    @Path("/failed")
    @Operation(summary = "List the notifications parked as failed",
            description = "Oldest first, recipients masked, without the texts.")
    @APIResponse(responseCode = "200", description = "One page of failed notifications",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid page")
    public List<NotificationView> failed(@QueryParam("page") @DefaultValue("0") String page,
                                         @QueryParam("size") @DefaultValue("50") String size) {
        ParameterReader read = new ParameterReader();
        int pageNumber = read.wholeNumber("page", page, 0, 0, 100_000);
        int pageSize = read.wholeNumber("size", size, 50, 1, 200);
        read.refuseIfAny();
        return administration.failed(pageNumber, pageSize);
    }

    @POST
    @Path("/{id}/resend")
    @Operation(summary = "Resend a failed notification",
            description = "Back to pending with all its attempts; the relay sends it with its original idempotency key.")
    @APIResponse(responseCode = "200", description = "Pending again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "404", description = "No notification has this id")
    @APIResponse(responseCode = "409", description = "The notification is not failed (still pending, or sent)")
    public NotificationView resend(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                                   @PathParam("id") String id) {
        Integer number = Parameters.digits(id);
        // an id that is not a number names no notification, like an unknown one
        if (number == null) {
            throw new NotificationNotFoundException();
        }
        return administration.resend(number);
    }
}
