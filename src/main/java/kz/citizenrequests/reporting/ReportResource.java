package kz.citizenrequests.reporting;

import jakarta.annotation.security.RolesAllowed;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.Role;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.function.Function;

/**
 * Leadership reports, for the whole country or the leader's region (claim {@code region}):
 * aggregates only, never personal data. Figures count requests by their
 * day of receipt (Kazakhstan time) in the period, withdrawn requests excluded; see SummaryReport
 * for the definition of each. JSON by default, CSV with {@code Accept: text/csv}.
 */
@Path("/api/v1/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@RolesAllowed(Role.Names.LEADERSHIP)
@Tag(name = "Reports")
public class ReportResource {

    static final String CSV = "text/csv";
    private static final String CSV_UTF8 = "text/csv; charset=UTF-8";

    private final ReportService reports;
    private final Caller caller;

    public ReportResource(ReportService reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Headline figures of a period",
            description = "For requests received in the period (withdrawn excluded): received; decided (RESOLVED or CLOSED); "
                    + "open; overdue (open past the due date today, or decided after it); resolution rate = decided / received; "
                    + "positive rate = (satisfied + partially satisfied) / decided; on-time rate = decided on or before the due "
                    + "date / decided; median and 90th percentile working days from receipt to decision; forwarded share; "
                    + "late-forward count; citizen-confirmed rate (null when no citizen answered), answers, complaints, escalations and reopen rate.")
    @APIResponse(responseCode = "200", description = "The figures", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SummaryReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "A header row and one data row"))})
    @APIResponse(responseCode = "400", description = "A date, code or the period is invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not leadership, or a region or branch outside the leader's region")
    public Response summary(@BeanParam ReportFilters filters,
                            @Context HttpHeaders headers) {
        ReportQuery query = reports.scopedTo(reports.query(filters), caller.region());
        return answer(headers, reports.summary(query), ReportCsv::summary, "summary", query);
    }

    @GET
    @Path("/timeseries")
    @Operation(summary = "Figures per day, week or month of receipt",
            description = "Received, decided, open, resolution rate and on-time rate per bucket; buckets without requests are zero.")
    @APIResponse(responseCode = "200", description = "The buckets", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimeseriesReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "A header row and one row per bucket"))})
    @APIResponse(responseCode = "400", description = "A date, code, the interval or the period is invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not leadership, or a region or branch outside the leader's region")
    public Response timeseries(@QueryParam("interval") @Parameter(description = "day, week or month (default)", schema = @Schema(enumeration = {"day", "week", "month"})) String interval,
                               @BeanParam ReportFilters filters,
                               @Context HttpHeaders headers) {
        Interval parsed = ReportQuery.parseInterval(interval);
        ReportQuery query = reports.scopedTo(reports.query(filters), caller.region());
        return answer(headers, reports.timeseries(query, parsed), ReportCsv::timeseries, "timeseries", query);
    }

    @GET
    @Path("/breakdown")
    @Operation(summary = "Figures per region, branch, category, type, channel or status",
            description = "One row per value with requests in the period, largest first. By status, received counts the "
                    + "requests now in each status and a WITHDRAWN row counts the withdrawn ones.")
    @APIResponse(responseCode = "200", description = "The rows", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BreakdownReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "A header row and one row per value"))})
    @APIResponse(responseCode = "400", description = "by is missing or unknown, or a date, code or the period is invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not leadership, or a region or branch outside the leader's region")
    public Response breakdown(@QueryParam("by") @Parameter(description = "The dimension", required = true, schema = @Schema(enumeration = {"region", "branch", "category", "type", "channel", "status"})) String by,
                              @BeanParam ReportFilters filters,
                              @Context HttpHeaders headers) {
        Dimension dimension = ReportQuery.parseDimension(by);
        ReportQuery query = reports.scopedTo(reports.query(filters), caller.region());
        return answer(headers, reports.breakdown(query, dimension), ReportCsv::breakdown, "breakdown-" + dimension.wire(),
                query);
    }


    /** JSON unless the client prefers CSV. */
    private static <R> Response answer(HttpHeaders headers, R report, Function<R, String> csv, String name,
                                       ReportQuery query) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                break;
            }
            if (accepted.isCompatible(MediaType.valueOf(CSV))) {
                return Response.ok(csv.apply(report), CSV_UTF8)
                        .header("Content-Disposition", "attachment; filename=\"" + name + "-" + query.from() + "-"
                                + query.to() + ".csv\"")
                        .build();
            }
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }
}
