package kz.citizenrequests.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer.
 * The one place where exceptions become HTTP: resources never catch to build errors.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final Unavailability unavailability;

    public ProblemMapper(Unavailability unavailability) {
        this.unavailability = unavailability;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.errors());
        e.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        return response;
    }

    /**
     * A person on the pages without a session is sent to the provider's sign-in (the
     * challenge of the pages' tenant: a redirect with PKCE); every other client gets 401.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Uni<Response> unauthenticated(RuntimeException e, UriInfo uri, RoutingContext http) {
        if (e instanceof UnauthorizedException && http != null && SignInTenants.isPage(http.normalizedPath())
                && http.request().getHeader(HttpHeaders.AUTHORIZATION) == null
                && http.get(HttpAuthenticator.class.getName()) instanceof HttpAuthenticator authenticator) {
            return authenticator.getChallenge(http).map(challenge -> {
                Response.ResponseBuilder response = Response.status(challenge.status);
                challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
                return response.header("Cache-Control", "no-store").build();
            });
        }
        return Uni.createFrom().item(unauthenticated(uri));
    }

    private Response unauthenticated(UriInfo uri) {
        Response response = respond(401, "unauthenticated", "Unauthenticated",
                "Send a valid bearer token (or, to follow one request, its access code).", uri, List.of());
        response.getHeaders().putSingle("WWW-Authenticate", "Bearer");
        return response;
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your role may not use this endpoint.", uri, List.of());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        InvalidInputException problem = new InvalidInputException(errors);
        return problem(problem, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return problem(fromJackson(e), uri);
    }

    /** More specific than Quarkus' own mapper of this type, so that unknown fields and wrong types are problems too. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return problem(fromJackson(e), uri);
    }

    @ServerExceptionMapper
    public Response stale(OptimisticLockException e, UriInfo uri) {
        return problem(new StaleVersionException(), uri);
    }

    @ServerExceptionMapper
    public Response stale(StaleStateException e, UriInfo uri) {
        return problem(new StaleVersionException(), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return problem(fromJackson(json), uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(status, "internal", "Internal error", "The service could not complete the request.", uri, List.of());
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request refused";
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This path does not accept that method.";
            case 415 -> "Send the body as application/json.";
            case 413 -> "The body exceeds the size limit.";
            default -> title + ".";
        };
        List<Problem.FieldError> errors = switch (status) {
            case 406 -> List.of(new Problem.FieldError("Accept", "this endpoint answers application/json"));
            case 415 -> List.of(new Problem.FieldError("Content-Type", "must be application/json"));
            default -> List.of();
        };
        return respond(status, slug, title, detail, uri, errors);
    }

    /** A header RESTEasy cannot parse (an Accept or Content-Type that is not a media type). */
    @ServerExceptionMapper
    public Response unparseable(IllegalArgumentException e, UriInfo uri) {
        if (e.getMessage() != null && e.getMessage().startsWith("Failed to parse media type")) {
            return problem(new InvalidInputException("Accept",
                    "Accept and Content-Type must be media types, e.g. application/json"), uri);
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<Unavailability.Cause> database = Unavailability.databaseCause(e);
        if (database.isPresent()) {
            unavailability.count(database.get());
            LOG.warnf("Answered 503, the database is unavailable (%s): %s", database.get(), rootMessage(e));
            return unavailable(uri);
        }
        LOG.error("Unexpected failure", e);
        return respond(500, "internal", "Internal error", "The service could not complete the request.", uri, List.of());
    }

    static Response unavailable(UriInfo uri) {
        Response response = respond(503, "unavailable", "Service Unavailable",
                "The service is busy or its database is unavailable. Retry after "
                        + Unavailability.RETRY_AFTER_SECONDS + " seconds; a submission retried with the same "
                        + "Idempotency-Key is never stored twice.", uri, List.of());
        response.getHeaders().putSingle("Retry-After", Integer.toString(Unavailability.RETRY_AFTER_SECONDS));
        return response;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static Response respond(int status, String slug, String title, String detail, UriInfo uri,
                            List<Problem.FieldError> errors) {
        Problem body = new Problem(Problem.TYPE_PREFIX + slug, title, status, detail,
                uri == null ? null : uri.getRequestUri().getRawPath(), errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    static InvalidInputException fromJackson(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new InvalidInputException(pathOf(unknown), "unknown field; this field cannot be sent");
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            return new InvalidInputException(pathOf(format), "must be one of: " + allowed);
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == String.class) {
            String refusal = Text.refusal(String.valueOf(format.getValue()));
            return new InvalidInputException(pathOf(format), refusal == null ? "invalid text" : refusal);
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return new InvalidInputException(pathOf(mismatch), "wrong type; expected " + expected);
        }
        if (e instanceof DatabindException databind && !(e instanceof MismatchedInputException)
                && databind instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new InvalidInputException(pathOf(mapping), "invalid value");
        }
        if (e instanceof MismatchedInputException) {
            return new InvalidInputException("body", "the body must be a JSON object");
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String why = e.getOriginalMessage() == null ? "" : ": " + firstLine(e.getOriginalMessage());
        return new InvalidInputException("body", "malformed JSON" + where + why);
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.getPackageName().startsWith("java.time")) {
            return "an ISO-8601 date or time";
        }
        return "an object";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The JSON path of a bean-validation violation, without the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                names.clear();
                String parameter = parameterName(node.getName());
                if (parameter != null) {
                    names.add(parameter);
                }
                continue;
            }
            if (node.getName() != null) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    /** Body parameters are named {@code command}; their fields are the path. Query parameters keep their name. */
    private static String parameterName(String name) {
        return "command".equals(name) ? null : name;
    }
}
