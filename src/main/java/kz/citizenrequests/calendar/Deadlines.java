package kz.citizenrequests.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Computes statutory dates from the working-day calendar stored in the database. */
@ApplicationScoped
public class Deadlines {

    private final EntityManager em;
    private final DeadlineSettings settings;

    public Deadlines(EntityManager em, DeadlineSettings settings) {
        this.em = em;
        this.settings = settings;
    }

    /** The due date of a request of {@code type} received on {@code receivedOn} (a date in Kazakhstan). */
    public LocalDate dueDate(String type, LocalDate receivedOn) {
        int days = settings.byType().getOrDefault(type, settings.workingDays());
        return calendarFor(receivedOn, days).addWorkingDays(receivedOn, days);
    }

    /** The latest date a deadline may be extended to. */
    public LocalDate extensionLimit(LocalDate receivedOn) {
        return receivedOn.plusMonths(settings.maxExtensionMonths());
    }

    /** Whether a forward on {@code forwardedOn} misses the forwarding term counted from receipt. */
    public boolean isLateForward(LocalDate receivedOn, LocalDate forwardedOn) {
        int allowed = settings.forwardWithinWorkingDays();
        LocalDate lastDay = calendarFor(receivedOn, allowed).addWorkingDays(receivedOn, allowed);
        return forwardedOn.isAfter(lastDay);
    }

    /** The calendar exceptions covering {@code workingDays} working days after {@code from}, with room to spare. */
    WorkingCalendar calendarFor(LocalDate from, int workingDays) {
        LocalDate to = from.plusDays(workingDays * 3L + 31);
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        em.createQuery("from CalendarDay where day > :from and day <= :to", CalendarDay.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultStream()
                .forEach(day -> exceptions.put(day.day(), day.working()));
        return new WorkingCalendar(exceptions);
    }
}
