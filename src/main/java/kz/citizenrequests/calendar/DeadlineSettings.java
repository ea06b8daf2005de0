package kz.citizenrequests.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/**
 * Statutory deadlines (APPC Art. 63, 76, 91). The 15-working-day term and the
 * two-month extension cap are the law; per-type terms are configurable because the
 * complaint term is unverified.
 */
@ConfigMapping(prefix = "citizen-requests.deadlines")
public interface DeadlineSettings {

    /** Working days to consider a request, counted from the day after receipt. */
    @WithDefault("15")
    int workingDays();

    /** Overrides of {@link #workingDays()} by request type, e.g. {@code complaint=20}. */
    Map<String, Integer> byType();

    /** An extended deadline may not go beyond this many months after receipt. */
    @WithDefault("2")
    int maxExtensionMonths();

    /** A forward later than this many working days after receipt is flagged late. */
    @WithDefault("3")
    int forwardWithinWorkingDays();

    /** Staff are warned this many working days before a due date (the queue's {@code dueSoon}). */
    @WithDefault("3")
    int warnWorkingDaysBefore();
}
