package kz.citizenrequests.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem details document, the body of every error this service answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "Stable URI naming the kind of problem", examples = "urn:citizen-requests:problem:invalid-input")
        String type,
        @Schema(description = "Short summary of the kind of problem")
        String title,
        @Schema(description = "HTTP status code")
        int status,
        @Schema(description = "What went wrong with this request")
        String detail,
        @Schema(description = "The path of the request that failed")
        String instance,
        @Schema(description = "Field problems, one per invalid field")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:citizen-requests:problem:";

    /** One invalid field: its JSON path (e.g. {@code citizen.iin}) or parameter name, and why. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "JSON path of the field, query parameter or header name") String field,
            @Schema(description = "Why the value was refused") String message) {
    }
}
