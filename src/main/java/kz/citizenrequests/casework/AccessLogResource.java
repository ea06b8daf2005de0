package kz.citizenrequests.casework;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators audit the access log: every disclosure of a request's personal data to staff. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@Tag(name = "Administration")
public class AccessLogResource {

    private final AccessLog accessLog;

    public AccessLogResource(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Schema(name = "PersonalDataAccess")
    public record AccessView(long id, Instant at, String actor, String role,
                             @Schema(nullable = true) String branch, String trackingNumber) {
        static AccessView of(PersonalDataAccess access) {
            return new AccessView(access.id(), access.at(), access.actor(), access.role(), access.branchCode(),
                    access.trackingNumber());
        }
    }

    @GET
    @Path("/access-log")
    @Operation(summary = "Read the log of staff openings of personal data", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "One page of the log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or page")
    public List<AccessView> accessLog(@QueryParam("trackingNumber") String trackingNumber,
                                      @QueryParam("actor") String actor,
                                      @QueryParam("page") @DefaultValue("0") String page,
                                      @QueryParam("size") @DefaultValue("50") String size) {
        ParameterReader read = new ParameterReader();
        String number = read.text("trackingNumber", trackingNumber, 100);
        String who = read.text("actor", actor, 100);
        int pageNumber = read.wholeNumber("page", page, 0, 0, 100_000);
        int pageSize = read.wholeNumber("size", size, 50, 1, 200);
        read.refuseIfAny();
        return accessLog.search(number, who, pageNumber, pageSize).stream().map(AccessView::of).toList();
    }
}
