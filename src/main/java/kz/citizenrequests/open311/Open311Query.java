package kz.citizenrequests.open311;

import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Parameters;

import kz.citizenrequests.casework.TrackingNumber;

import kz.citizenrequests.casework.RequestStatus;
import kz.citizenrequests.shared.TimeConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filters of {@code GET requests}. service_request_id overrides the rest. The window
 * is on requested_datetime (receipt): at most 90 days, by default the last 90 days.
 */
public record Open311Query(List<String> ids, Instant from, Instant to, Set<RequestStatus> statuses,
                           List<String> serviceCodes, int page, int pageSize) {

    static final Duration MAX_SPAN = Duration.ofDays(90);
    static final int MAX_PAGE_SIZE = 1000;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    static Open311Query parse(String ids, String serviceCodes, String startDate, String endDate, String status,
                              String page, String pageSize, Instant now, Predicate<String> knownService) {
        int size = number("page_size", pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        int pageNumber = number("page", page, 1, 1, 1_000_000);
        List<String> idList = list(ids);
        if (!idList.isEmpty()) {
            if (idList.size() > MAX_PAGE_SIZE) {
                throw Open311Exception.badRequest("service_request_id", "at most " + MAX_PAGE_SIZE + " ids");
            }
            // Anything that cannot be a tracking number cannot match; it is simply not found.
            List<String> wellFormed = idList.stream().filter(TrackingNumber::isWellFormed).toList();
            return new Open311Query(wellFormed.isEmpty() ? List.of("-") : wellFormed, null, null, Set.of(), List.of(), 1, size);
        }
        Instant start = instant("start_date", startDate);
        Instant end = instant("end_date", endDate);
        if (start == null && end == null) {
            end = now;
        }
        if (start == null) {
            start = end.minus(MAX_SPAN);
        } else if (end == null) {
            end = start.plus(MAX_SPAN);
        }
        if (start.isAfter(end)) {
            throw Open311Exception.badRequest("start_date", "must not be after end_date");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw Open311Exception.badRequest("end_date", "start_date and end_date may be at most 90 days apart");
        }
        List<String> codes = list(serviceCodes);
        for (String code : codes) {
            if (code.length() > 32 || !knownService.test(code)) {
                throw Open311Exception.badRequest("service_code", code + " is not a service; see services");
            }
        }
        return new Open311Query(List.of(), start, end.plusNanos(1), statuses(status), codes, pageNumber, size);
    }

    /** open = submitted, registered, in progress; closed = resolved, closed, withdrawn. */
    private static Set<RequestStatus> statuses(String value) {
        Set<RequestStatus> statuses = EnumSet.noneOf(RequestStatus.class);
        for (String item : list(value)) {
            switch (item) {
                case "open" -> statuses.addAll(RequestStatus.OPEN);
                case "closed" -> statuses.addAll(EnumSet.complementOf(EnumSet.copyOf(RequestStatus.OPEN)));
                default -> throw Open311Exception.badRequest("status", "must be open, closed, or both comma-separated");
            }
        }
        return statuses.size() == RequestStatus.values().length ? Set.of() : statuses;
    }

    /** An ISO 8601 date-time with offset, or a date (its start in Kazakhstan time). */
    static Instant instant(String name, String value) {
        String text = ParameterReader.trimToNull(value);
        if (text == null) {
            return null;
        }
        try {
            Instant instant = text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(TimeConfig.KAZAKHSTAN).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw Open311Exception.badRequest(name, "must be between the years 2000 and 2199");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw Open311Exception.badRequest(name, "must be an ISO 8601 date-time with offset, e.g. 2026-11-01T00:00:00+05:00");
        }
    }

    private static int number(String name, String value, int absent, int min, int max) {
        if (!ParameterReader.present(value)) {
            return absent;
        }
        try {
            return Parameters.wholeNumber(name, value, min, max);
        } catch (InvalidInputException e) {
            throw Open311Exception.badRequest(name, e.errors().get(0).message());
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(Arrays.stream(value.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()));
    }
}
