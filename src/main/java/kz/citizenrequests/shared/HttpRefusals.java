package kz.citizenrequests.shared;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.Json;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * Refusals that happen at the HTTP layer, before any resource runs, answered in the same
 * formats as every other error: problem+json, or the Open311 error list under /open311.
 * <ul>
 *   <li>a URI that is not valid percent-encoded UTF-8: 400 (Quarkus' own check, which would
 *       answer a bare 400, is turned off by {@link kz.citizenrequests.CitizenRequestsMain});</li>
 *   <li>a body larger than {@code citizen-requests.max-body-bytes} by its Content-Length: 413;</li>
 *   <li>a request line longer than {@code citizen-requests.http.max-uri-length}: 414;</li>
 *   <li>a cross-origin call from an origin not in {@code quarkus.http.cors.origins}: 403 (a page's
 *       form, posted with {@code Origin: null} under its no-referrer policy from this site, as
 *       the browser's {@code Sec-Fetch-Site} says, is not cross-origin);</li>
 *   <li>a request not fully received within {@code citizen-requests.http.request-deadline}: 408,
 *       and the connection is closed, so a slow client holds nothing for long;</li>
 *   <li>no worker free and the bounded worker queue ({@code quarkus.thread-pool.queue-size}) full:
 *       503 with Retry-After at once, so that a burst is shed early instead of waiting;</li>
 *   <li>whatever the router itself refuses (a missing Host, a path that is not valid
 *       percent-encoded UTF-8, a chunked body over the limit): its status as a problem.</li>
 * </ul>
 * Heads that the HTTP decoder refuses before the router sees a request are answered by
 * {@link MalformedHeads}, with the writer here.
 * Client mistakes are logged at DEBUG, never as errors.
 */
@ApplicationScoped
public class HttpRefusals {

    private static final Logger LOG = Logger.getLogger(HttpRefusals.class);
    /** Routing-context key of the timer that cuts off a client still sending its request. */
    private static final String DEADLINE = "citizen-requests.request-deadline";

    private final long maxBodyBytes;
    private final int maxUriLength;
    private final long deadlineMillis;
    private final Set<String> allowedOrigins;
    private final Unavailability unavailability;
    private final int maxFormFields;
    private final String maxFormAttributeSize;

    public HttpRefusals(@ConfigProperty(name = "citizen-requests.max-body-bytes", defaultValue = "65536") long maxBodyBytes,
                        @ConfigProperty(name = "citizen-requests.http.max-uri-length", defaultValue = "4096") int maxUriLength,
                        @ConfigProperty(name = "citizen-requests.http.request-deadline", defaultValue = "10s") Duration deadline,
                        @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
                        @ConfigProperty(name = "quarkus.http.limits.max-form-fields", defaultValue = "256") int maxFormFields,
                        @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size", defaultValue = "2048") String maxFormAttributeSize,
                        Unavailability unavailability) {
        this.unavailability = unavailability;
        this.maxFormFields = maxFormFields;
        this.maxFormAttributeSize = maxFormAttributeSize;
        this.maxBodyBytes = maxBodyBytes;
        this.maxUriLength = maxUriLength;
        this.deadlineMillis = deadline.toMillis();
        this.allowedOrigins = origins.orElse(List.of()).stream().map(String::trim).filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::screen);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // The whole body is read here, on the I/O thread, before a worker is taken: a client
        // that sends slowly holds a connection until the deadline, never a worker.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setHandleFileUploads(false);
        // Open311 clients post photos as multipart file parts (FixMyStreet): a file is received (within the
        // body limit) into a temporary folder and removed when the answer ends, so that Open311 can see it
        // and refuse it by name; the service stores no attachments.
        BodyHandler withFiles = BodyHandler.create(uploadDirectory()).setBodyLimit(maxBodyBytes)
                .setDeleteUploadedFilesOnEnd(true);
        Handler<RoutingContext> whenABodyIsComing = rc -> {
            if (hasBody(rc.request())) {
                (rc.request().path().startsWith("/open311/") ? withFiles : body).handle(rc);
            } else {
                rc.next();
            }
        };
        Handler<RoutingContext> bodyReceived = rc -> {
            received(rc);
            if (unreadableMultipart(rc)) {
                refuse(rc, 400, "bad-request", "Bad Request", "The multipart/form-data body has no part that can be read: "
                        + "check its boundary and the closing --boundary--.", "body", "no readable part");
                return;
            }
            rc.next();
        };
        for (String path : new String[]{"/api/*", "/open311/*"}) {
            router.route(path).order(Integer.MIN_VALUE + 1).handler(whenABodyIsComing);
            router.route(path).order(Integer.MIN_VALUE + 2).handler(bodyReceived);
        }
    }

    /**
     * A multipart body under /open311 in which the decoder found no part (none sent, or a broken
     * boundary): left alone, the resource layer would wait for a body already consumed until the
     * read timeout. Every Open311 form has parts, so such a body is a 400 at once.
     */
    private static boolean unreadableMultipart(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        return rc.request().path().startsWith("/open311/") && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                && rc.request().formAttributes().isEmpty() && rc.fileUploads().isEmpty();
    }

    private static String uploadDirectory() {
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "citizen-requests-uploads").toString();
    }

    private void screen(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!wellFormed(request.uri())) {
            refuse(rc, 400, "bad-request", "Bad Request", "The request URI is not valid percent-encoded UTF-8.",
                    "uri", "not valid percent-encoded UTF-8");
            return;
        }
        if (request.uri().length() > maxUriLength) {
            refuse(rc, 414, "uri-too-long", "URI Too Long", "The request URI is longer than " + maxUriLength + " characters.",
                    "uri", "at most " + maxUriLength + " characters");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && exceeds(length)) {
            refuse(rc, 413, "payload-too-large", "Payload too large", "The body is larger than " + maxBodyBytes + " bytes.",
                    "body", "at most " + maxBodyBytes + " bytes");
            return;
        }
        String origin = request.getHeader("Origin");
        if (pageFormPost(request, origin)) {
            // not a cross-origin call: the CORS filter after this one must not see it as one
            request.headers().remove("Origin");
        } else if (origin != null && !allowedOrigins.contains(origin) && !sameOrigin(request, origin)) {
            refuse(rc, 403, "origin-not-allowed", "Origin not allowed",
                    "Cross-origin calls are accepted only from the configured origins.", "Origin", "not an allowed origin");
            return;
        }
        if (hasBody(request)) {
            // cancelled by received() once the body is in, or when the response ends; only a
            // client still sending is cut off, never a request that waits on the database
            long timer = rc.vertx().setTimer(deadlineMillis, id -> {
                if (rc.remove(DEADLINE) != null && !rc.response().headWritten()) {
                    LOG.debugf("Request to %s not received within %d ms; closing the connection", request.path(), deadlineMillis);
                    rc.response().putHeader("Connection", "close");
                    refuse(rc, 408, "request-timeout", "Request Timeout",
                            "The request was not received in time.", "body", "send the whole body within "
                                    + deadlineMillis / 1000 + " seconds");
                    request.connection().close();
                }
            });
            rc.put(DEADLINE, timer);
            rc.addEndHandler(done -> received(rc));
        }
        rc.next();
    }

    /** The whole body has arrived (or the answer is sent): the deadline no longer applies. */
    private static void received(RoutingContext rc) {
        Long timer = rc.remove(DEADLINE);
        if (timer != null) {
            rc.vertx().cancelTimer(timer);
        }
    }

    private void failed(RoutingContext rc) {
        if (rc.failure() instanceof HttpClosedException || rc.failure() instanceof IOException) {
            // the client went away (or was cut off by the deadline): nobody to answer, nothing to log as an error
            LOG.debugf("Connection closed while receiving %s: %s", rc.request().path(), rc.failure().getMessage());
            return;
        }
        if (rc.failure() instanceof RejectedExecutionException && !rc.response().headWritten()) {
            // every worker busy and the bounded queue full: shed now rather than queue without end
            unavailability.count(Unavailability.Cause.OVERLOAD);
            rc.response().putHeader("Retry-After", Integer.toString(Unavailability.RETRY_AFTER_SECONDS));
            refuse(rc, 503, "unavailable", "Service Unavailable", "The service is at capacity. Retry after "
                    + Unavailability.RETRY_AFTER_SECONDS + " seconds; a submission retried with the same "
                    + "Idempotency-Key is never stored twice.", "request", "not processed");
            return;
        }
        int status = rc.statusCode();
        if (status < 400 || status >= 500 || rc.response().headWritten()) {
            rc.next();
            return;
        }
        LOG.debugf("Refused at the HTTP layer with %d: %s", status, rc.failure() == null ? "" : rc.failure().getMessage());
        String cause = rc.failure() == null ? "" : rc.failure().getClass().getSimpleName();
        if (cause.equals("TooManyFormFieldsException")) {
            refuse(rc, 413, "payload-too-large", "Payload too large", "The form has too many fields.", "body",
                    "at most " + maxFormFields + " form fields");
            return;
        }
        if (cause.equals("TooLongFormFieldException")) {
            refuse(rc, 413, "payload-too-large", "Payload too large", "A form field is too long.", "body",
                    "each form field at most " + maxFormAttributeSize + " bytes");
            return;
        }
        switch (status) {
            case 413 -> refuse(rc, 413, "payload-too-large", "Payload too large",
                    "The body is larger than " + maxBodyBytes + " bytes.", "body", "at most " + maxBodyBytes + " bytes");
            case 400 -> refuse(rc, 400, "bad-request", "Bad Request",
                    "The request is not well-formed HTTP: check the Host header and the percent-encoding of the URI.",
                    "request", "not well-formed");
            default -> refuse(rc, status, "http-" + status, "Request refused", "The request was refused.", "request",
                    "refused");
        }
    }

    /** A URI whose syntax is valid and whose percent-escapes decode as UTF-8. */
    static boolean wellFormed(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return false;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                        || Character.digit(uri.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(uri.charAt(i + 1), 16) * 16 + Character.digit(uri.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** HTTP/1.1: a request has a body when it says a length over zero or is chunked. */
    private static boolean hasBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeader("Transfer-Encoding") != null;
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A form of the portal's own pages: the pages send {@code Referrer-Policy: no-referrer}, so
     * the browser posts their forms with {@code Origin: null}. A null origin also comes from
     * another site's no-referrer page or a sandboxed frame, so it is taken only with the
     * browser's own word that the post comes from this site ({@code Sec-Fetch-Site:
     * same-origin}, or {@code none} when the user typed it); a browser too old to say anything is
     * believed, one that says {@code cross-site} or {@code same-site} is refused. Only the pages'
     * paths take it; the API and Open311 still need a real, allowed origin.
     */
    private static boolean pageFormPost(HttpServerRequest request, String origin) {
        String path = request.path();
        if (!"null".equals(origin) || path == null || path.startsWith("/api/") || path.startsWith("/open311/")
                || path.startsWith("/q/")) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return site == null || site.equals("same-origin") || site.equals("none");
    }

    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        try {
            URI uri = URI.create(origin);
            String host = request.authority() == null ? null : request.authority().toString();
            return host != null && host.equalsIgnoreCase(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Writes the refusal in the format of the path's interface. */
    static void refuse(RoutingContext rc, int status, String slug, String title, String detail, String field, String message) {
        refuse(rc.request(), safePath(rc.request()), status, slug, title, detail, field, message);
    }

    /**
     * Writes the refusal in the format of the interface {@code path} belongs to: the request's
     * path, or "/" when its URI is unusable (then the answer is a problem document).
     */
    static void refuse(HttpServerRequest request, String path, int status, String slug, String title, String detail,
                       String field, String message) {
        HttpServerResponse response = request.response();
        response.setStatusCode(status);
        if (status == 413 || status == 408) {
            // the rest of the body is not read: close, so that a client still sending hears the answer
            response.putHeader("Connection", "close");
            response.endHandler(done -> request.connection().close());
        }
        if (path.startsWith("/open311/")) {
            if (path.endsWith(".xml")) {
                response.putHeader("Content-Type", "text/xml;charset=UTF-8")
                        .end("<?xml version='1.0' encoding='UTF-8'?><errors><error><code>" + status
                                + "</code><description>" + detail + "</description></error></errors>");
            } else {
                response.putHeader("Content-Type", "application/json;charset=UTF-8")
                        .end(Json.encode(List.of(open311Error(status, detail))));
            }
            return;
        }
        Problem problem = new Problem(Problem.TYPE_PREFIX + slug, title, status, detail, path,
                List.of(new Problem.FieldError(field, message)));
        response.putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }

    /** One error of the Open311 spec's list: code, then description. */
    private static Map<String, Object> open311Error(int status, String detail) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", status);
        error.put("description", detail);
        return error;
    }

    static String safePath(HttpServerRequest request) {
        String path = request.path();
        if (path == null || Text.refusal(path) != null) {
            return "/";
        }
        return path;
    }
}
