package kz.citizenrequests.shared;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the text parameters of one request (query, path, form), collecting every problem so
 * that one 400 names them all. The one home of how a code, a choice, a date or a number is
 * read; an absent or blank parameter is null (or the given default).
 */
public final class ParameterReader {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    public static String trimToNull(String value) {
        return present(value) ? value.trim() : null;
    }

    /** A code such as KZ-71 or housing_utilities: letters, digits, '-' and '_'. */
    public String code(String name, String value, int maxLength) {
        if (!present(value)) {
            return null;
        }
        if (value.length() > maxLength || !value.matches(" *[A-Za-z0-9_-]+ *")) {
            refuse(name, "must be a code of at most " + maxLength + " letters, digits, '-' or '_'");
            return null;
        }
        return value.trim();
    }

    /** Free text of at most {@code maxLength} characters (the text rule itself is applied to every parameter). */
    public String text(String name, String value, int maxLength) {
        if (!present(value)) {
            return null;
        }
        if (value.length() > maxLength) {
            refuse(name, "at most " + maxLength + " characters");
            return null;
        }
        return value.trim();
    }

    /** One of the values, by its wire name. */
    public <E> E oneOf(String name, String value, E[] values, Function<E, String> wire) {
        if (!present(value)) {
            return null;
        }
        for (E candidate : values) {
            if (wire.apply(candidate).equals(value.trim())) {
                return candidate;
            }
        }
        refuse(name, "must be one of: " + Arrays.stream(values).map(wire).collect(Collectors.joining(", ")));
        return null;
    }

    public <E extends WireValue> E oneOf(String name, String value, E[] values) {
        return oneOf(name, value, values, WireValue::wire);
    }

    /** See {@link Parameters#date}. */
    public LocalDate date(String name, String value) {
        try {
            return Parameters.date(name, value);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** See {@link Parameters#wholeNumber}; {@code absent} when not given. */
    public int wholeNumber(String name, String value, int absent, int min, int max) {
        if (!present(value)) {
            return absent;
        }
        try {
            return Parameters.wholeNumber(name, value, min, max);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return absent;
        }
    }

    public void refuse(String name, String message) {
        errors.add(new Problem.FieldError(name, message));
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** A 400 naming every bad parameter read so far, if any. */
    public void refuseIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
