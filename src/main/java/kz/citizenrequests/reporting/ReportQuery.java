package kz.citizenrequests.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;
import kz.citizenrequests.casework.Channel;
import kz.citizenrequests.casework.RequestType;
import kz.citizenrequests.casework.WireValue;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Parameters;
import kz.citizenrequests.shared.Problem.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The period (days of receipt in Kazakhstan, both included) and filters of a report. Without
 * {@code to} the period ends today; without {@code from} it is the 30 days ending at {@code to}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportQuery(
        LocalDate from,
        LocalDate to,
        String region,
        String branch,
        String category,
        String type,
        String channel) {

    static final int DEFAULT_DAYS = 30;

    /** Parses raw query parameters; every bad one is named in one 400. */
    static ReportQuery parse(String from, String to, String region, String branch, String category, String type,
                             String channel, ReferenceData reference, int maxPeriodDays, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate parsedTo = parseDate("to", to, errors);
        LocalDate parsedFrom = parseDate("from", from, errors);
        if (parsedTo == null && !present(to)) {
            parsedTo = today;
        }
        if (parsedFrom == null && !present(from) && parsedTo != null) {
            parsedFrom = parsedTo.minusDays(DEFAULT_DAYS - 1);
        }
        if (parsedFrom != null && parsedTo != null) {
            if (parsedFrom.isAfter(parsedTo)) {
                errors.add(new FieldError("from", "must not be after to"));
            } else if (ChronoUnit.DAYS.between(parsedFrom, parsedTo) + 1 > maxPeriodDays) {
                errors.add(new FieldError("from", "the period may cover at most " + maxPeriodDays + " days"));
            }
        }
        String regionCode = code("region", region, 8, errors);
        if (regionCode != null && reference.region(regionCode).isEmpty()) {
            errors.add(new FieldError("region", "unknown region code; see GET /api/v1/regions"));
        }
        String branchCode = code("branch", branch, 16, errors);
        if (branchCode != null && reference.branch(branchCode).isEmpty()) {
            errors.add(new FieldError("branch", "unknown branch code; see GET /api/v1/branches"));
        }
        String categoryCode = code("category", category, 32, errors);
        if (categoryCode != null && reference.category(categoryCode).isEmpty()) {
            errors.add(new FieldError("category", "unknown category code; see GET /api/v1/categories"));
        }
        String typeWire = wire("type", type, RequestType.values(), errors);
        String channelWire = wire("channel", channel, Channel.values(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ReportQuery(parsedFrom, parsedTo, regionCode, branchCode, categoryCode, typeWire, channelWire);
    }

    /** The filters that are set, by dimension. */
    Map<Dimension, String> filters() {
        Map<Dimension, String> filters = new LinkedHashMap<>();
        if (region != null) {
            filters.put(Dimension.REGION, region);
        }
        if (branch != null) {
            filters.put(Dimension.BRANCH, branch);
        }
        if (category != null) {
            filters.put(Dimension.CATEGORY, category);
        }
        if (type != null) {
            filters.put(Dimension.TYPE, type);
        }
        if (channel != null) {
            filters.put(Dimension.CHANNEL, channel);
        }
        return filters;
    }

    static Interval parseInterval(String value) {
        if (!present(value)) {
            return Interval.MONTH;
        }
        for (Interval interval : Interval.values()) {
            if (interval.wire.equals(value.trim())) {
                return interval;
            }
        }
        throw new InvalidInputException("interval", "must be one of: day, week, month");
    }

    static Dimension parseDimension(String value) {
        if (!present(value)) {
            throw new InvalidInputException("by", "required: one of " + Dimension.wires());
        }
        for (Dimension dimension : Dimension.values()) {
            if (dimension.wire.equals(value.trim())) {
                return dimension;
            }
        }
        throw new InvalidInputException("by", "must be one of: " + Dimension.wires());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static LocalDate parseDate(String name, String value, List<FieldError> errors) {
        try {
            return Parameters.date(name, value);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static String code(String name, String value, int maxLength, List<FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        if (value.length() > maxLength || !value.matches(" *[A-Za-z0-9_-]+ *")) {
            errors.add(new FieldError(name, "must be a code of at most " + maxLength + " letters, digits, '-' or '_'"));
            return null;
        }
        return value.trim();
    }

    private static <E extends WireValue> String wire(String name, String value, E[] values, List<FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        for (E candidate : values) {
            if (candidate.wire().equals(value.trim())) {
                return candidate.wire();
            }
        }
        errors.add(new FieldError(name, "must be one of: "
                + Arrays.stream(values).map(WireValue::wire).collect(Collectors.joining(", "))));
        return null;
    }
}
