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
import kz.citizenrequests.shared.InvalidInputException;
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

/** What administrators maintain and audit. Never case content. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@Tag(name = "Administration")
public class AdministrationResource {

    private final AccessLog accessLog;
    private final CalendarAdministration calendar;

    public AdministrationResource(AccessLog accessLog, CalendarAdministration calendar) {
        this.accessLog = accessLog;
        this.calendar = calendar;
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
                        number("page", page, 0, 100_000), number("size", size, 1, 200))
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
        return calendar.year(number("year", year, 2000, 2100)).stream().map(CalendarDayView::of).toList();
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
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("day", "must be a date like 2026-03-21");
        }
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

    private static int number(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max);
    }
}
