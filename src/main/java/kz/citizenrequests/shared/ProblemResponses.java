package kz.citizenrequests.shared;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Map;

/**
 * Gives every error response in the OpenAPI document the problem+json schema, every
 * operation the 500 it may answer, and every administrators' operation its 401 and 403, so
 * that resources declare only the codes and reasons of their own.
 * Open311 paths are left as declared: that spec has its own error format.
 */
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String OPEN311 = "/open311/";
    private static final String ADMIN = "/api/v1/admin/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith(OPEN311)) {
                continue;
            }
            if (path.getKey().startsWith(ADMIN)) {
                path.getValue().getOperations().values().forEach(ProblemResponses::forAdministrators);
            }
            path.getValue().getOperations().values().forEach(ProblemResponses::withProblems);
        }
    }

    /** Every administrators' endpoint answers these two the same way (replacing the generic ones SmallRye adds). */
    private static void forAdministrators(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().description("No valid token"));
        operation.getResponses().addAPIResponse("403", OASFactory.createAPIResponse().description("Not an administrator"));
    }

    private static void withProblems(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        if (operation.getResponses().getAPIResponse("500") == null) {
            operation.getResponses().addAPIResponse("500",
                    OASFactory.createAPIResponse().description("Unexpected failure; the body names no internals"));
        }
        for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
            if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
                entry.getValue().setContent(content);
            }
        }
    }
}
