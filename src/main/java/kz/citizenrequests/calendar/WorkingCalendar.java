package kz.citizenrequests.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Which days are working days: Monday to Friday, except where an exception says
 * otherwise (a holiday, a holiday moved off a weekend, a day moved by decree, or a
 * Saturday made a working day). A value object over one span of exceptions.
 */
public final class WorkingCalendar {

    private final Map<LocalDate, Boolean> exceptions;

    /** @param exceptions day -> working, for every day that differs from the Monday-to-Friday rule */
    public WorkingCalendar(Map<LocalDate, Boolean> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    public boolean isWorkingDay(LocalDate day) {
        Boolean exception = exceptions.get(day);
        if (exception != null) {
            return exception;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /**
     * The day on which a period of {@code workingDays} working days ends when it starts
     * the day after {@code start}: the day of receipt is not counted (APPC Art. 76 counts
     * a period from the day after the event), and the period always ends on a working day.
     */
    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("workingDays must not be negative");
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
