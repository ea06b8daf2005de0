package kz.citizenrequests.casework;

import kz.citizenrequests.shared.RequestType;

import kz.citizenrequests.shared.ParameterReader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
        Boolean escalated,
        Boolean dueSoon,
        LocalDate receivedFrom,
        LocalDate receivedTo,
        String text,
        Sort sort,
        int page,
        int size,
        LocalDate today,
        LocalDate dueSoonUntil) {

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

    /** The queue's condition and order, with {@code ?} for the parameters in their order. */
    record Sql(String where, String orderBy, List<Object> parameters) {
    }

    /** Parses raw query parameters; every bad one is reported by name in one 400. */
    public static QueueQuery parse(String status, String branch, String region, String category, String type,
                                   String overdue, String escalated, String dueSoon, String receivedFrom,
                                   String receivedTo, String text, String sort, String page, String size,
                                   LocalDate today, LocalDate dueSoonUntil) {
        ParameterReader read = new ParameterReader();
        RequestStatus parsedStatus = read.oneOf("status", status, RequestStatus.values(), RequestStatus::name);
        RequestType parsedType = read.oneOf("type", type, RequestType.values());
        Sort parsedSort = read.oneOf("sort", sort, Sort.values(), Sort::wire);
        Boolean parsedOverdue = null;
        if (ParameterReader.present(overdue)) {
            if (overdue.equals("true") || overdue.equals("false")) {
                parsedOverdue = Boolean.valueOf(overdue);
            } else {
                read.refuse("overdue", "must be true or false");
            }
        }
        Boolean parsedEscalated = null;
        if (ParameterReader.present(escalated)) {
            if (escalated.equals("true") || escalated.equals("false")) {
                parsedEscalated = Boolean.valueOf(escalated);
            } else {
                read.refuse("escalated", "must be true or false");
            }
        }
        Boolean parsedDueSoon = null;
        if (ParameterReader.present(dueSoon)) {
            if (dueSoon.equals("true") || dueSoon.equals("false")) {
                parsedDueSoon = Boolean.valueOf(dueSoon);
            } else {
                read.refuse("dueSoon", "must be true or false");
            }
        }
        LocalDate from = read.date("receivedFrom", receivedFrom);
        LocalDate to = read.date("receivedTo", receivedTo);
        if (from != null && to != null && from.isAfter(to)) {
            read.refuse("receivedFrom", "must not be after receivedTo");
        }
        int parsedPage = read.wholeNumber("page", page, 0, 0, 100_000);
        int parsedSize = read.wholeNumber("size", size, 20, 1, MAX_SIZE);
        if (ParameterReader.present(text) && text.length() > 200) {
            read.refuse("q", "at most 200 characters");
        }
        String branchCode = read.code("branch", branch, 16);
        String regionCode = read.code("region", region, 8);
        String categoryCode = read.code("category", category, 32);
        read.refuseIfAny();
        return new QueueQuery(parsedStatus, branchCode, regionCode, categoryCode, parsedType, parsedOverdue,
                parsedEscalated, parsedDueSoon, from, to,
                ParameterReader.trimToNull(text), parsedSort == null ? Sort.RECEIVED_DESC : parsedSort, parsedPage,
                parsedSize, today, dueSoonUntil);
    }

    /**
     * The queue as a staff member of {@code staffBranch} may see it: always their branch.
     * Asking for another branch is refused rather than silently answered with nothing. The one
     * exception is supervision: with {@code escalated=true}, the staff of a regional branch
     * ({@code supervisedRegion}) see the escalated requests of every branch of their region.
     */
    public QueueQuery scopedTo(String staffBranch, java.util.Optional<String> supervisedRegion) {
        if (Boolean.TRUE.equals(escalated) && supervisedRegion.isPresent()) {
            String own = supervisedRegion.get();
            if (region != null && !region.equals(own)) {
                throw new kz.citizenrequests.shared.ForbiddenException("You may list the escalations of region " + own + " only.");
            }
            return new QueueQuery(status, branch, own, category, type, overdue, escalated, dueSoon, receivedFrom,
                    receivedTo, text, sort, page, size, today, dueSoonUntil);
        }
        if (branch != null && !branch.equals(staffBranch)) {
            throw new kz.citizenrequests.shared.ForbiddenException("You may list the requests of branch " + staffBranch + " only.");
        }
        return new QueueQuery(status, staffBranch, region, category, type, overdue, escalated, dueSoon, receivedFrom, receivedTo,
                text, sort, page, size, today, dueSoonUntil);
    }

    Sql toSql() {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> parameters = new ArrayList<>();
        if (status != null) {
            where.append(" AND status = ?");
            parameters.add(status.name());
        }
        if (branch != null) {
            where.append(" AND branch_code = ?");
            parameters.add(branch);
        }
        if (region != null) {
            where.append(" AND region_code = ?");
            parameters.add(region);
        }
        if (category != null) {
            where.append(" AND category_code = ?");
            parameters.add(category);
        }
        if (type != null) {
            where.append(" AND type = ?");
            parameters.add(type.wire());
        }
        if (overdue != null) {
            String open = RequestStatus.OPEN.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
            String isOverdue = "(status IN (" + open + ") AND due_date < ?)";
            where.append(overdue ? " AND " + isOverdue : " AND NOT " + isOverdue);
            parameters.add(today);
            if (overdue) {
                // Nothing received today is overdue today: the due date is never before the day of
                // receipt (constraint requests_term_not_before_receipt, V37). Newest first, the scan
                // then starts below today's requests instead of passing every one of them.
                where.append(" AND received_at < ?");
                parameters.add(today.atStartOfDay(kz.citizenrequests.shared.TimeConfig.KAZAKHSTAN).toOffsetDateTime());
            }
        }
        if (escalated != null) {
            String open = RequestStatus.OPEN.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
            String isEscalated = "(status IN (" + open + ") AND escalated_at IS NOT NULL)";
            where.append(escalated ? " AND " + isEscalated : " AND NOT " + isEscalated);
        }
        if (dueSoon != null) {
            // as QueueItemView says it: open, not overdue, due within the warning term
            String open = RequestStatus.OPEN.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
            String isDueSoon = "(status IN (" + open + ") AND due_date >= ? AND due_date <= ?)";
            where.append(dueSoon ? " AND " + isDueSoon : " AND NOT " + isDueSoon);
            parameters.add(today);
            parameters.add(dueSoonUntil);
        }
        if (receivedFrom != null) {
            where.append(" AND received_at >= ?");
            parameters.add(receivedFrom.atStartOfDay(kz.citizenrequests.shared.TimeConfig.KAZAKHSTAN).toOffsetDateTime());
        }
        if (receivedTo != null) {
            where.append(" AND received_at < ?");
            parameters.add(receivedTo.plusDays(1).atStartOfDay(kz.citizenrequests.shared.TimeConfig.KAZAKHSTAN).toOffsetDateTime());
        }
        if (text != null) {
            where.append(" AND to_tsvector('simple', subject) @@ websearch_to_tsquery('simple', ?)");
            parameters.add(text);
        }
        return new Sql(where.toString(), sort.orderBy, parameters);
    }
}
