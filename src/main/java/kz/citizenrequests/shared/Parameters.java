package kz.citizenrequests.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Query and path parameters read as text, so that a bad one is a 400 naming it rather than JAX-RS' 404. */
public final class Parameters {

    /** The dates the service accepts anywhere: its own lifetime, with room on both sides. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private Parameters() {
    }

    /**
     * A calendar date like 2026-01-31 from 2000-01-01 to 2100-12-31, or null when absent;
     * anything else is a 400 naming the parameter.
     */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (ISO_DATE.matcher(text).matches()) {
            try {
                LocalDate date = LocalDate.parse(text);
                if (!date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE)) {
                    return date;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new InvalidInputException(name, "must be a date like 2026-01-31, from " + EARLIEST_DATE + " to " + LATEST_DATE);
    }

    public static int wholeNumber(String name, String value, int min, int max) {
        Integer parsed = value == null ? null : digits(value.trim());
        if (parsed != null && parsed >= min && parsed <= max) {
            return parsed;
        }
        throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max);
    }

    /** ASCII digits only (no sign, no other scripts' digits), at most nine of them; else null. */
    public static Integer digits(String text) {
        if (!DIGITS.matcher(text).matches()) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
