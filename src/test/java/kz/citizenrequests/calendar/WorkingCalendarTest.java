package kz.citizenrequests.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingCalendarTest {

    private static LocalDate d(String day) {
        return LocalDate.parse(day);
    }

    /** The 2025-2027 exceptions that matter below, as seeded (holidays and days moved off weekends). */
    private final WorkingCalendar calendar = new WorkingCalendar(Map.ofEntries(
            Map.entry(d("2025-12-16"), false),
            Map.entry(d("2026-01-01"), false),
            Map.entry(d("2026-01-02"), false),
            Map.entry(d("2026-01-07"), false),
            Map.entry(d("2026-03-08"), false),
            Map.entry(d("2026-03-09"), false),
            Map.entry(d("2026-03-21"), false),
            Map.entry(d("2026-03-22"), false),
            Map.entry(d("2026-03-23"), false),
            Map.entry(d("2026-03-24"), false),
            Map.entry(d("2026-03-25"), false),
            // a Saturday made a working day by decree
            Map.entry(d("2026-03-28"), true)));

    @ParameterizedTest(name = "received {0} + {1} working days = {2}")
    @CsvSource({
            // Monday: 15 working days, three plain weeks
            "2026-02-02, 15, 2026-02-23",
            // Friday: the weekend does not count
            "2026-02-06, 1, 2026-02-09",
            // received on a Saturday: counting starts on Monday
            "2026-02-07, 1, 2026-02-09",
            // Nauryz and the days moved off the weekend are skipped; the decreed Saturday counts
            "2026-03-20, 1, 2026-03-26",
            "2026-03-20, 3, 2026-03-28",
            "2026-03-20, 4, 2026-03-30",
            // across the year end: 16 December, New Year and Christmas are skipped
            "2025-12-15, 15, 2026-01-09",
            "2025-12-31, 1, 2026-01-05",
            // zero days: the day itself
            "2026-02-02, 0, 2026-02-02",
    })
    void addsWorkingDaysAfterTheDayOfReceipt(String start, int days, String expected) {
        assertEquals(d(expected), calendar.addWorkingDays(d(start), days));
    }

    @Test
    void weekendsHolidaysAndDecreesDecideWorkingDays() {
        assertTrue(calendar.isWorkingDay(d("2026-02-02")));
        assertFalse(calendar.isWorkingDay(d("2026-02-07")));
        assertFalse(calendar.isWorkingDay(d("2026-02-08")));
        assertFalse(calendar.isWorkingDay(d("2026-01-07")));
        assertTrue(calendar.isWorkingDay(d("2026-03-28")));
    }

}
