package kz.citizenrequests.casework;

import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.Problem.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The staff queue's filters, sort and page, parsed from query parameters. Every
 * combination is served by an index of V2 (branch+status+received, branch+due,
 * region/category+received, the partial open+due index, the subject text index).
 */
public record QueueQuery(
        RequestStatus status,
        String branch,
        String region,
        String category,
        RequestType type,
        Boolean overdue,
        LocalDate receivedFrom,
        LocalDate receivedTo,
        String text,
        Sort sort,
        int page,
        int size,
        LocalDate today) {

    public static final int MAX_SIZE = 100;

    /** Queue orders. Ties are broken by id so that pages do not overlap. */
    public enum Sort {
        RECEIVED_DESC("received_desc", "received_at DESC, id DESC"),
        RECEIVED_ASC("received_asc", "received_at ASC, id ASC"),
        DUE_ASC("due_asc", "due_date ASC, id ASC"),
        DUE_DESC("due_desc", "due_date DESC, id DESC");

        final String wire;
        final String orderBy;

        Sort(String wire, String orderBy) {
            this.wire = wire;
            this.orderBy = orderBy;
        }

        public String wire() {
            return wire;
        }
    }

    record Sql(String text, Map<String, Object> parameters) {
    }

    /** Parses raw query parameters; every bad one is reported by name in one 400. */
    public static QueueQuery parse(String status, String branch, String region, String category, String type,
                                   String overdue, String receivedFrom, String receivedTo, String text, String sort,
                                   String page, String size, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        RequestStatus parsedStatus = parseEnum("status", status, RequestStatus.values(), RequestStatus::name, errors);
        RequestType parsedType = parseEnum("type", type, RequestType.values(), RequestType::wire, errors);
        Sort parsedSort = parseEnum("sort", sort, Sort.values(), Sort::wire, errors);
        Boolean parsedOverdue = null;
        if (present(overdue)) {
            if (overdue.equals("true") || overdue.equals("false")) {
                parsedOverdue = Boolean.valueOf(overdue);
            } else {
                errors.add(new FieldError("overdue", "must be true or false"));
            }
        }
        LocalDate from = parseDate("receivedFrom", receivedFrom, errors);
        LocalDate to = parseDate("receivedTo", receivedTo, errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("receivedFrom", "must not be after receivedTo"));
        }
        int parsedPage = parseInt("page", page, 0, 0, 100_000, errors);
        int parsedSize = parseInt("size", size, 20, 1, MAX_SIZE, errors);
        if (present(text) && text.length() > 200) {
            errors.add(new FieldError("q", "at most 200 characters"));
        }
        if (present(text) && text.indexOf('\0') >= 0) {
            errors.add(new FieldError("q", "must not contain NUL characters"));
        }
        checkCode("branch", branch, 16, errors);
        checkCode("region", region, 8, errors);
        checkCode("category", category, 32, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new QueueQuery(parsedStatus, blankToNull(branch), blankToNull(region), blankToNull(category),
                parsedType, parsedOverdue, from, to, blankToNull(text),
                parsedSort == null ? Sort.RECEIVED_DESC : parsedSort, parsedPage, parsedSize, today);
    }

    /**
     * The queue as a staff member of {@code staffBranch} may see it: always their branch.
     * Asking for another branch is refused rather than silently answered with nothing.
     */
    public QueueQuery scopedTo(String staffBranch) {
        if (branch != null && !branch.equals(staffBranch)) {
            throw new kz.citizenrequests.shared.ForbiddenException("You may list the requests of branch " + staffBranch + " only.");
        }
        return new QueueQuery(status, staffBranch, region, category, type, overdue, receivedFrom, receivedTo, text,
                sort, page, size, today);
    }

    Sql toSql() {
        StringBuilder where = new StringBuilder("TRUE");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (status != null) {
            where.append(" AND status = :status");
            parameters.put("status", status.name());
        }
        if (branch != null) {
            where.append(" AND branch_code = :branch");
            parameters.put("branch", branch);
        }
        if (region != null) {
            where.append(" AND region_code = :region");
            parameters.put("region", region);
        }
        if (category != null) {
            where.append(" AND category_code = :category");
            parameters.put("category", category);
        }
        if (type != null) {
            where.append(" AND type = :type");
            parameters.put("type", type.wire());
        }
        if (overdue != null) {
            String open = RequestStatus.OPEN.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
            String isOverdue = "(status IN (" + open + ") AND due_date < :today)";
            where.append(overdue ? " AND " + isOverdue : " AND NOT " + isOverdue);
            parameters.put("today", today);
        }
        if (receivedFrom != null) {
            where.append(" AND received_at >= :from");
            parameters.put("from", receivedFrom.atStartOfDay(kz.citizenrequests.shared.TimeConfig.KAZAKHSTAN).toOffsetDateTime());
        }
        if (receivedTo != null) {
            where.append(" AND received_at < :to");
            parameters.put("to", receivedTo.plusDays(1).atStartOfDay(kz.citizenrequests.shared.TimeConfig.KAZAKHSTAN).toOffsetDateTime());
        }
        if (text != null) {
            where.append(" AND to_tsvector('simple', subject) @@ websearch_to_tsquery('simple', :text)");
            parameters.put("text", text);
        }
        return new Sql("SELECT * FROM requests WHERE " + where + " ORDER BY " + sort.orderBy, parameters);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return present(value) ? value.trim() : null;
    }

    private static void checkCode(String name, String value, int maxLength, List<FieldError> errors) {
        if (present(value) && (value.length() > maxLength || !value.matches(" *[A-Za-z0-9_-]+ *"))) {
            errors.add(new FieldError(name, "must be a code of at most " + maxLength + " letters, digits, '-' or '_'"));
        }
    }

    private static <E> E parseEnum(String name, String value, E[] values, java.util.function.Function<E, String> wire,
                                   List<FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        for (E candidate : values) {
            if (wire.apply(candidate).equals(value.trim())) {
                return candidate;
            }
        }
        errors.add(new FieldError(name, "must be one of: "
                + Arrays.stream(values).map(wire).collect(Collectors.joining(", "))));
        return null;
    }

    private static LocalDate parseDate(String name, String value, List<FieldError> errors) {
        try {
            return Parameters.date(name, value);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static int parseInt(String name, String value, int fallback, int min, int max, List<FieldError> errors) {
        if (!present(value)) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max));
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number"));
            return fallback;
        }
    }
}
