package kz.citizenrequests.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators keep the routing rules: which branch serves a region, district and category. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@Tag(name = "Administration")
public class RoutingRulesResource {

    private final RoutingRules routing;

    public RoutingRulesResource(RoutingRules routing) {
        this.routing = routing;
    }

    @Schema(name = "RoutingRuleCommand")
    public record RoutingRuleCommand(
            @NotBlank @Size(max = 8) @Schema(required = true, examples = "KZ-71") String region,
            @Size(max = 16) String district,
            @Size(max = 32) String category,
            @NotBlank @Size(max = 16) @Schema(required = true, examples = "AST-D01") String branch) {
    }

    @Schema(name = "RoutingRule")
    public record RoutingRuleView(long id, String region, @Schema(nullable = true) String district,
                                  @Schema(nullable = true) String category, String branch) {
        static RoutingRuleView of(RoutingRule rule) {
            return new RoutingRuleView(rule.id(), rule.regionCode(), rule.districtCode(), rule.categoryCode(), rule.branchCode());
        }
    }

    @GET
    @Path("/routing-rules")
    @Operation(summary = "List the routing rules")
    @APIResponse(responseCode = "200", description = "The rules",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingRuleView[].class)))
    public List<RoutingRuleView> routingRules() {
        return routing.all().stream().map(RoutingRuleView::of).toList();
    }

    @POST
    @Path("/routing-rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a routing rule", description = "New requests are routed by it at once; the most specific rule wins.")
    @APIResponse(responseCode = "201", description = "The rule as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingRuleView.class)))
    @APIResponse(responseCode = "400", description = "Unknown codes or invalid body")
    @APIResponse(responseCode = "409", description = "A rule for the same region, district and category exists")
    public Response addRoutingRule(@Valid @NotNull RoutingRuleCommand command) {
        RoutingRule rule = routing.add(command.region().trim(), ParameterReader.trimToNull(command.district()),
                ParameterReader.trimToNull(command.category()), command.branch().trim());
        return Response.status(201).entity(RoutingRuleView.of(rule)).build();
    }

    @DELETE
    @Path("/routing-rules/{id}")
    @Operation(summary = "Remove a routing rule")
    @APIResponse(responseCode = "204", description = "Removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Invalid id")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Response removeRoutingRule(@PathParam("id") String id) {
        if (!routing.remove(Parameters.wholeNumber("id", id, 1, Integer.MAX_VALUE))) {
            throw new ProblemException(404, "not-found", "Not Found", "No routing rule " + id + ".");
        }
        return Response.noContent().build();
    }

}
