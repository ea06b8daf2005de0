package kz.citizenrequests.reporting;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** Buckets of a time series: days, ISO weeks (from Monday) or calendar months, by day of receipt. */
public enum Interval {
    DAY("day"),
    WEEK("week"),
    MONTH("month");

    final String wire;

    Interval(String wire) {
        this.wire = wire;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }

    /** The first day of the bucket holding {@code day}. */
    LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** The SQL bucket of {@code received_on}, matching {@link #start}. */
    String sql() {
        return this == DAY ? "received_on" : "date_trunc('" + wire + "', received_on)::date";
    }
}
