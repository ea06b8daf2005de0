package kz.citizenrequests.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.ReferenceStamp;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Computes statutory dates from the working-day calendar stored in the database, read from
 * a copy in memory that follows the reference stamp (a calendar holds a few dozen
 * exceptions a year).
 */
@ApplicationScoped
public class Deadlines {

    private final ReferenceStamp.Copy<WorkingCalendar> calendar;
    private final DeadlineSettings settings;

    public Deadlines(ReferenceStamp stamp, DeadlineSettings settings) {
        this.calendar = stamp.copy(session -> {
            Map<LocalDate, Boolean> exceptions = new HashMap<>();
            session.createQuery("from CalendarDay", CalendarDay.class).getResultList()
                    .forEach(day -> exceptions.put(day.day(), day.working()));
            return new WorkingCalendar(exceptions);
        });
        this.settings = settings;
    }

    /** The due date of a request of {@code type} received on {@code receivedOn} (a date in Kazakhstan). */
    public LocalDate dueDate(String type, LocalDate receivedOn) {
        int days = settings.byType().getOrDefault(type, settings.workingDays());
        return calendar().addWorkingDays(receivedOn, days);
    }

    /** The working days of the term of a request of {@code type}. */
    public int termOf(String type) {
        return settings.byType().getOrDefault(type, settings.workingDays());
    }

    /** The latest date a deadline may be extended to. */
    public LocalDate extensionLimit(LocalDate receivedOn) {
        return receivedOn.plusMonths(settings.maxExtensionMonths());
    }

    /** Whether a forward on {@code forwardedOn} misses the forwarding term counted from receipt. */
    public boolean isLateForward(LocalDate receivedOn, LocalDate forwardedOn) {
        int allowed = settings.forwardWithinWorkingDays();
        LocalDate lastDay = calendar().addWorkingDays(receivedOn, allowed);
        return forwardedOn.isAfter(lastDay);
    }

    /**
     * The last due date that is "due soon" on {@code today}: a request due on or before it, and
     * not yet overdue, is within the warning term of {@code warn-working-days-before} working days.
     */
    public LocalDate dueSoonUntil(LocalDate today) {
        return calendar().addWorkingDays(today, settings.warnWorkingDaysBefore());
    }

    /** The calendar with every exception, as of the reference stamp. */
    WorkingCalendar calendar() {
        return calendar.get();
    }
}
