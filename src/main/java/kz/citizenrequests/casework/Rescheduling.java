package kz.citizenrequests.casework;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import kz.citizenrequests.calendar.CalendarAdministration;
import kz.citizenrequests.calendar.Deadlines;
import kz.citizenrequests.calendar.HolidayDeclared;
import kz.citizenrequests.calendar.WorkingCalendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A holiday declared after requests were received moves their terms: every open request whose
 * term began before the day and ends on or after it gets its statutory due date counted again on
 * the new calendar, in the administrator's transaction, each with a history row (actor
 * {@code system}). The terms only ever get longer: a day made working again moves nothing.
 * A complaint's term is counted from the complaint (its own start and length), a request's
 * from its receipt.
 */
@ApplicationScoped
public class Rescheduling {

    private final EntityManager em;
    private final HistoryRepository history;
    private final Deadlines deadlines;
    private final CalendarAdministration calendar;
    private final Clock clock;

    public Rescheduling(EntityManager em, HistoryRepository history, Deadlines deadlines, CalendarAdministration calendar,
                        Clock clock) {
        this.em = em;
        this.history = history;
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.clock = clock;
    }

    void on(@Observes HolidayDeclared holiday) {
        Instant now = clock.instant();
        List<Request> affected = em.createQuery("from Request r where r.status in :open and r.dueDate >= :day "
                        + "and r.statutoryDueDate >= :day order by r.id", Request.class)
                .setParameter("open", RequestStatus.OPEN)
                .setParameter("day", holiday.day())
                // staff acting on one of them at the same time wait for this, rather than fail it
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        // the calendar with the new day off, as this transaction sees it (not the in-memory copy)
        WorkingCalendar days = calendar.asSeenHere();
        String reason = "Holiday " + holiday.day() + (holiday.note() == null ? "" : ": " + holiday.note());
        for (Request request : affected) {
            // a term counted from a day after the holiday does not contain it
            if (!request.termStartedOn().isBefore(holiday.day())) {
                continue;
            }
            LocalDate statutory = days.addWorkingDays(request.termStartedOn(), deadlines.termOf(request.termType()));
            if (statutory.isAfter(request.statutoryDueDate())) {
                history.record(request, request.reschedule(statutory, DeadlineWatch.SYSTEM, now, reason));
            }
        }
    }
}
