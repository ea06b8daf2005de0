package kz.citizenrequests.calendar;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** One exception to the Monday-to-Friday rule, maintained by administrators. */
@Entity
@Table(name = "calendar_days")
public class CalendarDay {

    @Id
    private LocalDate day;
    private boolean working;
    private String note;

    protected CalendarDay() {
    }

    CalendarDay(LocalDate day, boolean working, String note) {
        this.day = day;
        this.working = working;
        this.note = note;
    }

    public LocalDate day() {
        return day;
    }

    public boolean working() {
        return working;
    }

    public String note() {
        return note;
    }
}
