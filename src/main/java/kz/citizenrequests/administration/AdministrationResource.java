package kz.citizenrequests.administration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kz.citizenrequests.calendar.CalendarAdministration;
import kz.citizenrequests.calendar.CalendarDay;
import kz.citizenrequests.casework.AccessLog;
import kz.citizenrequests.casework.PersonalDataAccess;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import kz.citizenrequests.reference.Branch;
import kz.citizenrequests.reference.Category;
import kz.citizenrequests.reference.ReferenceAdministration;
import kz.citizenrequests.routing.RoutingRule;
import kz.citizenrequests.routing.RoutingRules;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.LocalizedText;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What administrators maintain (branches, categories, routing rules, the calendar) and audit (the access log). Never case content. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@Tag(name = "Administration")
public class AdministrationResource {

    private final AccessLog accessLog;
    private final CalendarAdministration calendar;
    private final ReferenceAdministration reference;
    private final RoutingRules routing;

    public AdministrationResource(AccessLog accessLog, CalendarAdministration calendar,
                                  ReferenceAdministration reference, RoutingRules routing) {
        this.accessLog = accessLog;
        this.calendar = calendar;
        this.reference = reference;
        this.routing = routing;
    }

    @Schema(name = "NamesCommand", description = "A text in Kazakh, Russian and English")
    public record NamesCommand(@NotBlank @Size(max = 200) @Schema(required = true) String kk,
                               @NotBlank @Size(max = 200) @Schema(required = true) String ru,
                               @NotBlank @Size(max = 200) @Schema(required = true) String en) {
        LocalizedText text() {
            return new LocalizedText(kk.trim(), ru.trim(), en.trim());
        }
    }

    @Schema(name = "BranchCommand")
    public record BranchCommand(
            @NotNull @Pattern(regexp = "regional|district") @Schema(required = true, enumeration = {"regional", "district"}) String kind,
            @NotBlank @Size(max = 8) @Schema(required = true, examples = "KZ-71") String region,
            @Size(max = 16) @Schema(description = "Required for a district branch") String district,
            @NotNull @Valid @Schema(required = true) NamesCommand names,
            @NotNull @Schema(required = true, description = "false closes the branch to routing and forwarding") Boolean active) {
    }

    @Schema(name = "CategoryCommand")
    public record CategoryCommand(
            @NotNull @Valid @Schema(required = true) NamesCommand names,
            @NotNull @Valid @Schema(required = true) NamesCommand descriptions,
            @NotNull @Schema(required = true) Integer sortOrder,
            @NotNull @Schema(required = true, description = "false removes it from the catalogue for new requests") Boolean active) {
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

    @Schema(name = "AdminBranch")
    public record AdminBranchView(String code, String kind, String region, @Schema(nullable = true) String district,
                                  LocalizedText names, boolean active) {
        static AdminBranchView of(Branch branch) {
            return new AdminBranchView(branch.code(), branch.kind(), branch.regionCode(), branch.districtCode(),
                    branch.names(), branch.active());
        }
    }

    @Schema(name = "AdminCategory")
    public record AdminCategoryView(String code, LocalizedText names, LocalizedText descriptions, int sortOrder, boolean active) {
        static AdminCategoryView of(Category category) {
            return new AdminCategoryView(category.code(), category.names(), category.descriptions(), category.sortOrder(),
                    category.active());
        }
    }

    @GET
    @Path("/branches")
    @Operation(summary = "List all branches, active or not")
    @APIResponse(responseCode = "200", description = "The branches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminBranchView[].class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public List<AdminBranchView> branches() {
        return reference.allBranches().stream().map(AdminBranchView::of).toList();
    }

    @PUT
    @Path("/branches/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or redefine a branch")
    @APIResponse(responseCode = "200", description = "The branch as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminBranchView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "The region already has an active regional branch")
    public AdminBranchView defineBranch(@PathParam("code") String code, @Valid @NotNull BranchCommand command) {
        return AdminBranchView.of(reference.defineBranch(code(code, 16), command.kind(), command.region().trim(),
                blankToNull(command.district(), "district"), command.names().text(), command.active()));
    }

    @GET
    @Path("/categories")
    @Operation(summary = "List all categories, active or not")
    @APIResponse(responseCode = "200", description = "The categories",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminCategoryView[].class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public List<AdminCategoryView> categories() {
        return reference.allCategories().stream().map(AdminCategoryView::of).toList();
    }

    @PUT
    @Path("/categories/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or redefine a category")
    @APIResponse(responseCode = "200", description = "The category as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminCategoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public AdminCategoryView defineCategory(@PathParam("code") String code, @Valid @NotNull CategoryCommand command) {
        if (!code.matches("[a-z][a-z_]{1,31}")) {
            throw new InvalidInputException("code", "lower-case letters and '_', 2 to 32 characters");
        }
        return AdminCategoryView.of(reference.defineCategory(code, command.names().text(), command.descriptions().text(),
                command.sortOrder(), command.active()));
    }

    @GET
    @Path("/routing-rules")
    @Operation(summary = "List the routing rules")
    @APIResponse(responseCode = "200", description = "The rules",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingRuleView[].class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
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
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "A rule for the same region, district and category exists")
    public Response addRoutingRule(@Valid @NotNull RoutingRuleCommand command) {
        RoutingRule rule = routing.add(command.region().trim(), blankToNull(command.district(), "district"),
                blankToNull(command.category(), "category"), command.branch().trim());
        return Response.status(201).entity(RoutingRuleView.of(rule)).build();
    }

    @DELETE
    @Path("/routing-rules/{id}")
    @Operation(summary = "Remove a routing rule")
    @APIResponse(responseCode = "204", description = "Removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Invalid id")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Response removeRoutingRule(@PathParam("id") String id) {
        if (!routing.remove(Parameters.wholeNumber("id", id, 1, Integer.MAX_VALUE))) {
            throw new ProblemException(404, "not-found", "Not Found", "No routing rule " + id + ".");
        }
        return Response.noContent().build();
    }

    private static String code(String value, int max) {
        if (value == null || !value.matches("[A-Z0-9-]{2," + max + "}")) {
            throw new InvalidInputException("code", "upper-case letters, digits and '-', at most " + max + " characters");
        }
        return value;
    }

    @Schema(name = "PersonalDataAccess")
    public record AccessView(long id, Instant at, String actor, String role,
                             @Schema(nullable = true) String branch, String trackingNumber) {
        static AccessView of(PersonalDataAccess access) {
            return new AccessView(access.id(), access.at(), access.actor(), access.role(), access.branchCode(),
                    access.trackingNumber());
        }
    }

    @Schema(name = "CalendarDay")
    public record CalendarDayView(LocalDate day, boolean working, String note) {
        static CalendarDayView of(CalendarDay day) {
            return new CalendarDayView(day.day(), day.working(), day.note());
        }
    }

    @Schema(name = "CalendarDayCommand")
    public record CalendarDayCommand(
            @NotNull @Schema(required = true, description = "true for a working day (e.g. a Saturday moved by decree)") Boolean working,
            @NotBlank @Size(max = 200) @Schema(required = true, description = "The holiday or the decree") String note) {
    }

    @GET
    @Path("/access-log")
    @Operation(summary = "Read the log of staff openings of personal data", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "One page of the log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or page")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public List<AccessView> accessLog(@QueryParam("trackingNumber") String trackingNumber,
                                      @QueryParam("actor") String actor,
                                      @QueryParam("page") @DefaultValue("0") String page,
                                      @QueryParam("size") @DefaultValue("50") String size) {
        return accessLog.search(blankToNull(trackingNumber, "trackingNumber"), blankToNull(actor, "actor"),
                        Parameters.wholeNumber("page", page, 0, 100_000), Parameters.wholeNumber("size", size, 1, 200))
                .stream().map(AccessView::of).toList();
    }

    @GET
    @Path("/calendar/{year}")
    @Operation(summary = "List a year's exceptions to the Monday-to-Friday rule")
    @APIResponse(responseCode = "200", description = "Holidays and moved days of the year",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarDayView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid year")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public List<CalendarDayView> calendarYear(@PathParam("year") String year) {
        return calendar.year(Parameters.wholeNumber("year", year, 2000, 2100)).stream().map(CalendarDayView::of).toList();
    }

    @PUT
    @Path("/calendar/days/{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a day working or non-working", description = "Applies to deadlines computed from now on.")
    @APIResponse(responseCode = "200", description = "The day as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarDayView.class)))
    @APIResponse(responseCode = "400", description = "Invalid date or body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public CalendarDayView setDay(@PathParam("day") String day, @Valid @NotNull CalendarDayCommand command) {
        return CalendarDayView.of(calendar.set(date(day), command.working(), command.note().trim()));
    }

    @DELETE
    @Path("/calendar/days/{day}")
    @Operation(summary = "Return a day to the Monday-to-Friday rule")
    @APIResponse(responseCode = "204", description = "Removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Invalid date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "The day had no exception")
    public Response resetDay(@PathParam("day") String day) {
        if (!calendar.reset(date(day))) {
            throw new ProblemException(404, "not-found", "Not Found", "The day " + day + " has no exception in the calendar.");
        }
        return Response.noContent().build();
    }

    private static LocalDate date(String value) {
        LocalDate day = Parameters.date("day", value);
        if (day == null) {
            throw new InvalidInputException("day", "must be a date like 2026-03-21");
        }
        return day;
    }

    private static String blankToNull(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 100 || value.indexOf('\0') >= 0) {
            throw new InvalidInputException(name, "at most 100 characters, no NUL");
        }
        return value.trim();
    }

}
