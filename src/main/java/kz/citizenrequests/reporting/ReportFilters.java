package kz.citizenrequests.reporting;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The period and filters every report takes, as query parameters (parsed by {@link ReportService#query}). */
public class ReportFilters {

    @QueryParam("from")
    @Parameter(description = "First day of receipt (Kazakhstan), included; default: 29 days before to",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    String from;

    @QueryParam("to")
    @Parameter(description = "Last day of receipt (Kazakhstan), included; default: today",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    String to;

    @QueryParam("region")
    @Parameter(description = "Region code")
    String region;

    @QueryParam("branch")
    @Parameter(description = "Branch code (the branch holding the request now)")
    String branch;

    @QueryParam("category")
    @Parameter(description = "Category code")
    String category;

    @QueryParam("type")
    @Parameter(description = "Request type")
    String type;

    @QueryParam("channel")
    @Parameter(description = "Channel")
    String channel;
}
