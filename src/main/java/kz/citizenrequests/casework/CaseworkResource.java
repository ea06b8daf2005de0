package kz.citizenrequests.casework;

import kz.citizenrequests.shared.RequestType;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.casework.CaseworkViews.CitizenRequestView;
import kz.citizenrequests.casework.CaseworkViews.HistoryView;
import kz.citizenrequests.casework.CaseworkViews.PublicHistoryView;
import kz.citizenrequests.casework.CaseworkViews.QueuePage;
import kz.citizenrequests.casework.CaseworkViews.RequestView;
import io.quarkus.security.UnauthorizedException;
import kz.citizenrequests.casework.CaseworkService.Performer;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.ForbiddenException;
import kz.citizenrequests.shared.IfMatch;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Following and working requests. Staff (operators, branch heads) see and work the
 * requests of their own branch; a citizen with a token sees their own; anyone with a
 * tracking number and its access code sees that one request as its citizen does.
 * Another branch's or another citizen's request is 404, as if it did not exist.
 */
@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Requests")
public class CaseworkResource {

    static final String ACCESS_CODE = "X-Access-Code";

    private final CaseworkService casework;
    private final Caller caller;

    public CaseworkResource(CaseworkService casework, Caller caller) {
        this.casework = casework;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.Names.OPERATOR, Role.Names.BRANCH_HEAD})
    @Operation(summary = "List the staff queue of the caller's branch",
            description = "Filters combine with AND. Sorted newest first unless sort says otherwise. "
                    + "Always limited to the caller's branch; asking for another branch is 403. IINs are masked.")
    @APIResponse(responseCode = "200", description = "One page of the queue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuePage.class)))
    @APIResponse(responseCode = "400", description = "A filter, sort or page parameter is invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not staff, or another branch asked for")
    public Response queue(
            @Parameter(description = "Status", schema = @Schema(implementation = RequestStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Branch code") @QueryParam("branch") String branch,
            @Parameter(description = "Region code") @QueryParam("region") String region,
            @Parameter(description = "Category code") @QueryParam("category") String category,
            @Parameter(description = "Request type", schema = @Schema(implementation = RequestType.class)) @QueryParam("type") String type,
            @Parameter(description = "Only overdue (true) or only not overdue (false)", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN)) @QueryParam("overdue") String overdue,
            @Parameter(description = "Only open requests escalated after their due date (true) or none of them (false); "
                    + "a regional branch sees those of its whole region", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN)) @QueryParam("escalated") String escalated,
            @Parameter(description = "Only open requests due within the warning term and not overdue (true), or all others (false)",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN)) @QueryParam("dueSoon") String dueSoon,
            @Parameter(description = "Received on or after this date (Kazakhstan time)", schema = @Schema(format = "date", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) @QueryParam("receivedFrom") String receivedFrom,
            @Parameter(description = "Received on or before this date (Kazakhstan time)", schema = @Schema(format = "date", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) @QueryParam("receivedTo") String receivedTo,
            @Parameter(description = "Words to find in the subject") @QueryParam("q") String text,
            @Parameter(description = "Order", schema = @Schema(enumeration = {"received_desc", "received_asc", "due_asc", "due_desc"})) @QueryParam("sort") String sort,
            @Parameter(description = "Page number from 0", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100 (default 20)", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "1", maximum = "100")) @QueryParam("size") String size) {
        QueueQuery query = casework.queueQuery(status, branch, region, category, type, overdue, escalated, dueSoon,
                receivedFrom, receivedTo, text, sort, page, size)
                .scopedTo(caller.staffBranch(), casework.supervisedRegion(caller.staffBranch()));
        return Response.ok(casework.queue(query)).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/{trackingNumber}")
    @PermitAll
    @Operation(summary = "Read a request",
            description = "With X-Access-Code, or a citizen token of the request's owner: the citizen's view (public history only) "
                    + "with an ETag for a withdrawal. "
                    + "With a staff token of the request's branch: the full view with personal data and an ETag carrying the version; "
                    + "each such opening is recorded in the access log.")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {RequestView.class, CitizenRequestView.class})))
    @APIResponse(responseCode = "401", description = "Neither an access code nor a valid token")
    @APIResponse(responseCode = "403", description = "The caller's role never sees case content")
    @APIResponse(responseCode = "404", description = "Unknown tracking number, a wrong access code, or not the caller's")
    public Response read(@PathParam("trackingNumber") String trackingNumber,
                         @Parameter(in = ParameterIn.HEADER, description = "The citizen's access code") @HeaderParam(ACCESS_CODE) String accessCode) {
        checkedTrackingNumber(trackingNumber);
        Performer performer = performer(accessCode);
        if (performer.role() == Role.CITIZEN) {
            CaseworkService.Reading reading = casework.citizenView(trackingNumber, performer);
            return Response.ok(reading.view()).tag(etag(reading.version())).header("Cache-Control", "no-store").build();
        }
        RequestView view = casework.staffView(trackingNumber, performer);
        return Response.ok(view).tag(etag(view.version())).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/{trackingNumber}/history")
    @PermitAll
    @Operation(summary = "Read the history of a request",
            description = "Staff of the request's branch see every act; the citizen (access code or owner's token) sees the public acts.")
    @APIResponse(responseCode = "200", description = "The acts, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {HistoryView[].class, PublicHistoryView[].class})))
    @APIResponse(responseCode = "401", description = "Neither an access code nor a valid token")
    @APIResponse(responseCode = "403", description = "The caller's role never sees case content")
    @APIResponse(responseCode = "404", description = "Unknown tracking number, a wrong access code, or not the caller's")
    public Response history(@PathParam("trackingNumber") String trackingNumber,
                            @Parameter(in = ParameterIn.HEADER, description = "The citizen's access code") @HeaderParam(ACCESS_CODE) String accessCode) {
        checkedTrackingNumber(trackingNumber);
        return Response.ok(casework.history(trackingNumber, performer(accessCode))).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{trackingNumber}/transitions")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Act on a request",
            description = "Register, start work, assign, forward, extend the deadline, resolve, reopen, close, withdraw or comment. "
                    + "If-Match must carry the ETag last read. Operators and branch heads act on their branch's requests; only "
                    + "a branch head assigns, forwards and extends deadlines; the citizen (access code or owner's token) withdraws.")
    @APIResponse(responseCode = "200", description = "The request after the act, with its new ETag: the staff view for staff, the citizen's view for the citizen",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {RequestView.class, CitizenRequestView.class})))
    @APIResponse(responseCode = "204", description = "The act was done, with the request's new ETag and nothing else: the answer to "
            + "`Prefer: return=minimal`. Nothing of the request is read back, so a staff member's act is not a disclosure of personal data")
    @APIResponse(responseCode = "400", description = "Invalid command or If-Match header")
    @APIResponse(responseCode = "401", description = "Neither an access code nor a valid token")
    @APIResponse(responseCode = "403", description = "The caller's role may not perform this act")
    @APIResponse(responseCode = "404", description = "Unknown tracking number, a wrong access code, or not the caller's")
    @APIResponse(responseCode = "409", description = "The act is not allowed in the current status")
    @APIResponse(responseCode = "412", description = "The request changed since the ETag was read")
    @APIResponse(responseCode = "422", description = "The rules refuse the command (e.g. extension beyond two months, unknown target branch)")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response act(@PathParam("trackingNumber") String trackingNumber,
                        @Parameter(in = ParameterIn.HEADER, description = "The ETag of the request as last read", required = true) @HeaderParam("If-Match") String ifMatch,
                        @Parameter(in = ParameterIn.HEADER, description = "The citizen's access code (withdraw only)") @HeaderParam(ACCESS_CODE) String accessCode,
                        @Parameter(in = ParameterIn.HEADER, description = "`return=minimal` (RFC 7240): answer 204 with the new ETag "
                                + "instead of the request; anything else, or none, answers the request",
                                schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))
                        @HeaderParam("Prefer") List<String> prefer,
                        @Valid @NotNull TransitionCommand command) {
        checkedTrackingNumber(trackingNumber);
        Performer performer = performer(accessCode);
        int expectedVersion = parseIfMatch(ifMatch);
        if (prefersMinimal(prefer)) {
            int version = casework.act(trackingNumber, expectedVersion, command, performer);
            return Response.noContent().tag(etag(version)).header("Preference-Applied", "return=minimal")
                    .header("Cache-Control", "no-store").build();
        }
        CaseworkService.Reading reading = casework.actAndRead(trackingNumber, expectedVersion, command, performer);
        return Response.ok(reading.view()).tag(etag(reading.version())).header("Cache-Control", "no-store").build();
    }

    /**
     * Whether a {@code Prefer} header asks for {@code return=minimal} (RFC 7240): preferences are
     * separated by commas, in one header or several, names and values compared without case, and
     * parameters after a semicolon ignored.
     */
    static boolean prefersMinimal(List<String> prefer) {
        if (prefer == null) {
            return false;
        }
        for (String header : prefer) {
            for (String preference : header.split(",")) {
                String token = preference.split(";", 2)[0].strip();
                int equals = token.indexOf('=');
                if (equals > 0 && token.substring(0, equals).strip().equalsIgnoreCase("return")) {
                    String value = token.substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (value.equalsIgnoreCase("minimal")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Who is asking about one request: the access code wins; then the token decides. */
    private Performer performer(String accessCode) {
        if (accessCode != null) {
            return Performer.holderOf(accessCode);
        }
        if (caller.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (caller.isStaff()) {
            return Performer.staff(caller);
        }
        if (caller.is(Role.CITIZEN)) {
            return Performer.citizen(caller);
        }
        throw new ForbiddenException("Your role does not see the content of requests.");
    }

    /** Tracking numbers look like AST-2026-000123; anything else cannot exist, so it is not looked up. */
    static String checkedTrackingNumber(String trackingNumber) {
        if (!TrackingNumber.isWellFormed(trackingNumber)) {
            throw new RequestNotFoundException();
        }
        return trackingNumber;
    }

    static EntityTag etag(int version) {
        return IfMatch.etag(version);
    }

    static int parseIfMatch(String header) {
        return IfMatch.version(header);
    }
}
