package kz.citizenrequests.reporting;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/** {@code /dashboard} leads to the static page in {@code META-INF/resources/dashboard/}. */
@Path("/dashboard")
public class DashboardResource {

    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response dashboard() {
        return Response.seeOther(URI.create("/dashboard/")).build();
    }
}
