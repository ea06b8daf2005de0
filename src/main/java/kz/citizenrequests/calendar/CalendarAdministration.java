package kz.citizenrequests.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.ReferenceStamp;

import java.time.LocalDate;
import java.util.List;

/**
 * Administrators keep the working-day calendar: holidays, days moved by decree. A new day
 * off also moves the due dates of the open requests whose term it falls in (casework listens
 * to {@link HolidayDeclared}); other changes apply to deadlines computed afterwards, so a
 * deadline already given never gets shorter.
 */
@ApplicationScoped
@Transactional
public class CalendarAdministration {

    private final EntityManager em;
    private final ReferenceStamp stamp;
    private final Event<HolidayDeclared> holidays;

    public CalendarAdministration(EntityManager em, ReferenceStamp stamp, Event<HolidayDeclared> holidays) {
        this.em = em;
        this.stamp = stamp;
        this.holidays = holidays;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CalendarDay> year(int year) {
        return em.createQuery("from CalendarDay where day >= :from and day < :to order by day", CalendarDay.class)
                .setParameter("from", LocalDate.of(year, 1, 1))
                .setParameter("to", LocalDate.of(year + 1, 1, 1))
                .getResultList();
    }

    /**
     * The calendar as this transaction sees it, read from the database: with a change just made
     * and not yet committed, and with every change committed elsewhere, whatever the in-memory
     * copies hold.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public WorkingCalendar asSeenHere() {
        java.util.Map<LocalDate, Boolean> exceptions = new java.util.HashMap<>();
        em.createQuery("from CalendarDay", CalendarDay.class).getResultList()
                .forEach(day -> exceptions.put(day.day(), day.working()));
        return new WorkingCalendar(exceptions);
    }

    /**
     * Declares a day working or not, with the reason (holiday name, decree). Idempotent:
     * one upsert, so that concurrent declarations of the same day all succeed and the last wins.
     */
    public CalendarDay set(LocalDate day, boolean working, String note) {
        stamp.changedHere();
        em.createNativeQuery("INSERT INTO calendar_days (day, working, note) VALUES (:day, :working, :note) "
                        + "ON CONFLICT (day) DO UPDATE SET working = excluded.working, note = excluded.note")
                .setParameter("day", day).setParameter("working", working).setParameter("note", note)
                .executeUpdate();
        if (!working) {
            holidays.fire(new HolidayDeclared(day, note));
        }
        return new CalendarDay(day, working, note);
    }

    /** Returns the day to the Monday-to-Friday rule; false if it had no exception. */
    public boolean reset(LocalDate day) {
        stamp.changedHere();
        return em.createQuery("delete from CalendarDay where day = :day").setParameter("day", day).executeUpdate() > 0;
    }
}
