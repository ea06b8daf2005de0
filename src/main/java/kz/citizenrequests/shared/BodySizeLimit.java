package kz.citizenrequests.shared;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over the configured limit with a problem document before
 * anything reads them. (Bodies sent without a Content-Length are cut off at the same
 * size by {@code quarkus.http.limits.max-body-size}, which answers a bare 413.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "citizen-requests.max-body-bytes", defaultValue = "65536") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && exceeds(length)) {
                Problem problem = new Problem(Problem.TYPE_PREFIX + "payload-too-large", "Payload too large", 413,
                        "The body is larger than " + maxBytes + " bytes.", rc.request().path(),
                        java.util.List.of(new Problem.FieldError("body", "at most " + maxBytes + " bytes")));
                rc.response().setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(Json.encode(problem));
                return;
            }
            rc.next();
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
