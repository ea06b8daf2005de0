package kz.citizenrequests.intake;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.core.Context;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where citizens submit requests: anonymously, or with a citizen token so that the
 * request is theirs to follow without the access code. Staff registering a request
 * received by phone or in person use the same endpoint with its channel.
 */
@Path("/api/v1/requests")
@Tag(name = "Requests")
public class IntakeResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IntakeService intake;
    private final Caller caller;

    public IntakeResource(IntakeService intake, Caller caller) {
        this.intake = intake;
        this.caller = caller;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a request",
            description = "Routes the request to the competent branch and sets its statutory due date. "
                    + "Answered only after the request is stored. A retry with the same Idempotency-Key and body "
                    + "answers the original receipt and creates nothing.")
    @APIResponse(responseCode = "201", description = "Stored; the receipt carries the tracking number and the access code",
            headers = @Header(name = "Location", description = "The request's URL", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionReceipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field, a wrong type or an invalid value")
    @APIResponse(responseCode = "413", description = "The body is over 64 KiB")
    @APIResponse(responseCode = "401", description = "A token was sent but is not valid")
    @APIResponse(responseCode = "422", description = "No branch serves the region, or the Idempotency-Key was used for another body")
    @APIResponse(responseCode = "429", description = "Too many submissions today from this address or citizen; see Retry-After")
    public Response submit(
            @Parameter(in = ParameterIn.HEADER, description = "Client-chosen key (at most 200 characters) making retries safe")
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull SubmitRequestCommand command,
            @Context HttpServerRequest http) {
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        IntakeService.Submitter submitter = caller.is(Role.CITIZEN)
                ? new IntakeService.Submitter(address, caller.account(), caller.actorName())
                : IntakeService.Submitter.anonymous(address);
        IntakeService.Submission submission = intake.submit(command, checkedKey(idempotencyKey), Channel.WEB, submitter);
        SubmissionReceipt receipt = submission.receipt();
        Response.ResponseBuilder response = Response.created(
                        UriBuilder.fromPath("/api/v1/requests/{trackingNumber}").build(receipt.trackingNumber()))
                .entity(receipt)
                .header("Cache-Control", "no-store");
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    private static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "must be 1 to 200 visible ASCII characters");
        }
        return key;
    }
}
