package kz.citizenrequests.shared;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Checks every request makes before its resource sees it, whatever the endpoint. */
public class RequestChecks {

    /** Query parameters obey the same text rule as body fields ({@link Text}). */
    @ServerRequestFilter
    public void acceptableQueryText(ContainerRequestContext request) {
        MultivaluedMap<String, String> parameters;
        try {
            parameters = request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("query", "is not valid percent-encoded UTF-8");
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = Text.refusal(parameter.getKey()) == null ? parameter.getKey() : "query";
            Text.checked(name, parameter.getKey());
            for (String value : parameter.getValue()) {
                Text.checked(name, value);
            }
        }
    }

    /**
     * An endpoint that reads JSON reads only a body declared as JSON: a missing or wildcard
     * Content-Type is not guessed to be JSON.
     */
    @ServerRequestFilter
    public void declaredJson(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !readsOnlyJson(method, resource.getResourceClass())) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || type.isWildcardType() || type.isWildcardSubtype()
                || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the body as application/json.",
                    List.of(new Problem.FieldError(HttpHeaders.CONTENT_TYPE, "must be application/json")));
        }
    }

    private static boolean readsOnlyJson(Method method, Class<?> resource) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null && resource != null) {
            consumes = resource.getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.stream(consumes.value()).allMatch(MediaType.APPLICATION_JSON::equals);
    }
}
