package kz.citizenrequests.reporting;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The leadership dashboard's page. People sign in to it like to the workbench (the
 * provider's code flow, tenant {@code workbench}); its script then reads the reports as
 * same-origin calls that carry the session, and the reports' own role rule (leadership)
 * decides what it sees. Its script and styles stay static in {@code META-INF/resources/dashboard/}.
 */
@Path("/dashboard")
public class DashboardResource {

    private final Template page;

    public DashboardResource(@Location("dashboard/index.html") Template page) {
        this.page = page;
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response dashboard() {
        return Response.ok(page.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }
}
