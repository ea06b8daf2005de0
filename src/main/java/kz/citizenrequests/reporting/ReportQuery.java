package kz.citizenrequests.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;
import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.RequestType;
import kz.citizenrequests.shared.WireValue;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.ParameterReader;
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
        ParameterReader read = new ParameterReader();
        LocalDate parsedTo = read.date("to", to);
        LocalDate parsedFrom = read.date("from", from);
        if (parsedTo == null && !ParameterReader.present(to)) {
            parsedTo = today;
        }
        if (parsedFrom == null && !ParameterReader.present(from) && parsedTo != null) {
            parsedFrom = parsedTo.minusDays(DEFAULT_DAYS - 1);
        }
        if (parsedFrom != null && parsedTo != null) {
            if (parsedFrom.isAfter(parsedTo)) {
                read.refuse("from", "must not be after to");
            } else if (ChronoUnit.DAYS.between(parsedFrom, parsedTo) + 1 > maxPeriodDays) {
                read.refuse("from", "the period may cover at most " + maxPeriodDays + " days");
            }
        }
        String regionCode = read.code("region", region, 8);
        if (regionCode != null && reference.region(regionCode).isEmpty()) {
            read.refuse("region", "unknown region code; see GET /api/v1/regions");
        }
        String branchCode = read.code("branch", branch, 16);
        if (branchCode != null && reference.branch(branchCode).isEmpty()) {
            read.refuse("branch", "unknown branch code; see GET /api/v1/branches");
        }
        String categoryCode = read.code("category", category, 32);
        if (categoryCode != null && reference.category(categoryCode).isEmpty()) {
            read.refuse("category", "unknown category code; see GET /api/v1/categories");
        }
        RequestType parsedType = read.oneOf("type", type, RequestType.values());
        Channel parsedChannel = read.oneOf("channel", channel, Channel.values());
        read.refuseIfAny();
        return new ReportQuery(parsedFrom, parsedTo, regionCode, branchCode, categoryCode,
                parsedType == null ? null : parsedType.wire(), parsedChannel == null ? null : parsedChannel.wire());
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
        if (!ParameterReader.present(value)) {
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
        if (!ParameterReader.present(value)) {
            throw new InvalidInputException("by", "required: one of " + Dimension.wires());
        }
        for (Dimension dimension : Dimension.values()) {
            if (dimension.wire.equals(value.trim())) {
                return dimension;
            }
        }
        throw new InvalidInputException("by", "must be one of: " + Dimension.wires());
    }
}
