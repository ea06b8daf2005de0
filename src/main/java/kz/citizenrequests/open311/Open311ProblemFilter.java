package kz.citizenrequests.open311;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import kz.citizenrequests.open311.Open311Views.ErrorView;
import kz.citizenrequests.open311.Open311Views.ErrorsXml;
import kz.citizenrequests.shared.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;

/**
 * Failures that happen before a request reaches {@link Open311Resource} (an unsupported
 * media type, a method the path does not take) are rendered by the global problem
 * mapper; under /open311 they are rewritten into the spec's error format.
 */
public class Open311ProblemFilter {

    @ServerResponseFilter
    public void asOpen311Errors(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/open311/") || !(response.getEntity() instanceof Problem problem)) {
            return;
        }
        String description = response.getStatus() == 415
                ? "send the body as application/x-www-form-urlencoded or multipart/form-data"
                : problem.detail();
        List<ErrorView> errors = List.of(new ErrorView(response.getStatus(), description));
        if (path.endsWith(".xml")) {
            response.setEntity(Open311Resource.xml(new ErrorsXml(errors)), null, MediaType.valueOf(Open311Resource.XML));
        } else {
            response.setEntity(errors, null, MediaType.valueOf(Open311Resource.JSON));
        }
    }
}
