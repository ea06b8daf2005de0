package kz.citizenrequests.calendar;

import java.time.LocalDate;

/**
 * A day declared a day off through the calendar's administration, announced inside the same
 * transaction, so that the due dates it moves are moved with it or not at all.
 */
public record HolidayDeclared(LocalDate day, String note) {
}
