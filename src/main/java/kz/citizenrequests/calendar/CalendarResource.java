package kz.citizenrequests.calendar;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators keep the working-day calendar: holidays and days moved by decree. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@Tag(name = "Administration")
public class CalendarResource {

    private final CalendarAdministration calendar;

    public CalendarResource(CalendarAdministration calendar) {
        this.calendar = calendar;
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
    @Path("/calendar/{year}")
    @Operation(summary = "List a year's exceptions to the Monday-to-Friday rule")
    @APIResponse(responseCode = "200", description = "Holidays and moved days of the year",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarDayView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid year")
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
    public CalendarDayView setDay(@PathParam("day") String day, @Valid @NotNull CalendarDayCommand command) {
        return CalendarDayView.of(calendar.set(date(day), command.working(), command.note().trim()));
    }

    @DELETE
    @Path("/calendar/days/{day}")
    @Operation(summary = "Return a day to the Monday-to-Friday rule")
    @APIResponse(responseCode = "204", description = "Removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Invalid date")
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
}
