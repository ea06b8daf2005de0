package kz.citizenrequests.casework;

import java.util.regex.Pattern;

/**
 * The public number of a request, e.g. {@code AST-2026-000123}: the region's three-letter
 * prefix, the year of receipt in Kazakhstan, and a number from one database sequence
 * (at least six digits). The one home of that format.
 */
public final class TrackingNumber {

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{3}-[0-9]{4}-[0-9]{6,12}");

    private TrackingNumber() {
    }

    public static String of(String regionPrefix, int year, long number) {
        return String.format("%s-%d-%06d", regionPrefix, year, number);
    }

    /** Whether the text can be a tracking number at all; anything else is not looked up. */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }
}
