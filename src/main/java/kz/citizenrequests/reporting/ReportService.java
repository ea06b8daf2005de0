package kz.citizenrequests.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.casework.RequestStatus;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.TimeConfig;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the report figures from the rollup tables (never from requests), picking the cheapest
 * grouping set, on the reporting database ({@link ReportingDatabase}: a replica when configured).
 */
@ApplicationScoped
public class ReportService {

    private final ReportingDatabase database;
    private final ReferenceData reference;
    private final ReportSettings settings;
    private final Clock clock;

    public ReportService(ReportingDatabase database, ReferenceData reference, ReportSettings settings, Clock clock) {
        this.database = database;
        this.reference = reference;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A leader whose token names a region sees that region only: the region filter is
     * forced, and asking for another region or a branch elsewhere is refused (403).
     */
    public ReportQuery scopedTo(ReportQuery query, java.util.Optional<String> leaderRegion) {
        if (leaderRegion.isEmpty()) {
            return query;
        }
        String region = leaderRegion.get();
        boolean otherRegion = query.region() != null && !query.region().equals(region);
        boolean otherBranch = query.branch() != null
                && reference.branch(query.branch()).map(b -> !b.regionCode().equals(region)).orElse(true);
        if (otherRegion || otherBranch) {
            throw new kz.citizenrequests.shared.ForbiddenException("Your reports cover region " + region + " only.");
        }
        return new ReportQuery(query.from(), query.to(), region, query.branch(), query.category(), query.type(),
                query.channel());
    }

    public ReportQuery query(ReportFilters f) {
        return ReportQuery.parse(f.from, f.to, f.region, f.branch, f.category, f.type, f.channel, reference,
                settings.maxPeriodDays(), today());
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(TimeConfig.KAZAKHSTAN));
    }

    public SummaryReport summary(ReportQuery query) {
        LocalDate today = today();
        Selection selection = Selection.of(query, null);
        try (Connection connection = database.connect()) {
            Counted counted = counted(connection, selection, null, today).getOrDefault("", Counted.ZERO);
            TreeMap<Integer, Long> days = decisionDays(connection, selection);
            return SummaryReport.of(query, today, counted.tally(), counted.overdueNow(), percentile(days, 50),
                    percentile(days, 90));
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the summary failed", e);
        }
    }

    /** The national figures of requests received from 1 January to today: what the public pages publish. */
    public SummaryReport yearToDate() {
        LocalDate today = today();
        return summary(new ReportQuery(today.withDayOfYear(1), today, null, null, null, null, null));
    }

    public TimeseriesReport timeseries(ReportQuery query, Interval interval) {
        Selection selection = Selection.of(query, null);
        Map<String, Tally> byBucket;
        try (Connection connection = database.connect()) {
            byBucket = tallies(connection, selection, interval.sql());
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the time series failed", e);
        }
        List<TimeseriesReport.Bucket> buckets = new ArrayList<>();
        for (LocalDate start = interval.start(query.from()); !start.isAfter(query.to()); start = interval.next(start)) {
            buckets.add(TimeseriesReport.Bucket.of(start, byBucket.getOrDefault(start.toString(), Tally.ZERO)));
        }
        return new TimeseriesReport(query, interval, buckets);
    }

    public BreakdownReport breakdown(ReportQuery query, Dimension by) {
        LocalDate today = today();
        List<BreakdownReport.Row> rows = new ArrayList<>();
        try (Connection connection = database.connect()) {
            if (by == Dimension.STATUS) {
                Tally t = tallies(connection, Selection.of(query, null), null).getOrDefault("", Tally.ZERO);
                rows.add(statusRow(RequestStatus.SUBMITTED, t.submitted()));
                rows.add(statusRow(RequestStatus.REGISTERED, t.registered()));
                rows.add(statusRow(RequestStatus.IN_PROGRESS, t.inProgress()));
                rows.add(statusRow(RequestStatus.RESOLVED, t.resolved()));
                rows.add(statusRow(RequestStatus.CLOSED, t.closed()));
                rows.add(statusRow(RequestStatus.WITHDRAWN, t.withdrawn()));
            } else {
                Selection selection = Selection.of(query, by);
                counted(connection, selection, by.column, today).forEach((key, c) -> {
                    if (c.tally().received() > 0) {
                        rows.add(BreakdownReport.Row.of(key, c.tally(), c.overdueNow()));
                    }
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the breakdown failed", e);
        }
        rows.sort(Comparator.comparingLong(BreakdownReport.Row::received).reversed()
                .thenComparing(BreakdownReport.Row::key));
        return new BreakdownReport(query, by, rows);
    }

    private static BreakdownReport.Row statusRow(RequestStatus status, long count) {
        boolean decided = status.isDecided();
        return new BreakdownReport.Row(status.name(), count, decided ? count : 0, status.isOpen() ? count : 0,
                null, 0, null, null, null);
    }

    /** Summed counts per group ({@code ""} when {@code groupBy} is null). */
    private static Map<String, Tally> tallies(Connection connection, Selection selection, String groupBy)
            throws SQLException {
        String key = groupBy == null ? "''" : groupBy + "::text";
        String sql = "SELECT " + key + ", " + Tally.SUMS + " FROM report_daily_now WHERE " + selection.where
                + (groupBy == null ? "" : " GROUP BY 1");
        Map<String, Tally> result = new LinkedHashMap<>();
        try (PreparedStatement statement = selection.prepare(connection, sql, null);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.put(rows.getString(1), Tally.read(rows, 2));
            }
        }
        return result;
    }

    /** The sums of one group and its open requests past their due date on the day asked. */
    private record Counted(Tally tally, long overdueNow) {
        static final Counted ZERO = new Counted(Tally.ZERO, 0);
    }

    /**
     * Summed counts and "overdue now" per group ({@code ""} when {@code groupBy} is null), in
     * one statement: both rollups are read in a single round trip.
     */
    private static Map<String, Counted> counted(Connection connection, Selection selection, String groupBy,
                                                LocalDate today) throws SQLException {
        String key = groupBy == null ? "''" : groupBy + "::text";
        String group = groupBy == null ? "" : " GROUP BY 1";
        String sql = "WITH t AS (SELECT " + key + " AS key, " + Tally.SUMS + " FROM report_daily_now WHERE "
                + selection.where + group + "), "
                + "o AS (SELECT " + key + " AS key, coalesce(sum(open), 0) AS overdue FROM report_open_due_now WHERE "
                + selection.where + " AND due_date < ?" + group + ") "
                + "SELECT t.*, coalesce(o.overdue, 0) FROM t LEFT JOIN o ON o.key = t.key";
        Map<String, Counted> result = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = selection.bind(statement, 1);
            i = selection.bind(statement, i);
            statement.setDate(i, Date.valueOf(today));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), new Counted(Tally.read(rows, 2), rows.getLong(2 + Tally.COLUMNS)));
                }
            }
        }
        return result;
    }

    /** Decided requests by working days from receipt to decision. */
    private static TreeMap<Integer, Long> decisionDays(Connection connection, Selection selection) throws SQLException {
        String sql = "SELECT working_days, sum(decided) FROM report_decision_days_now WHERE " + selection.where
                + " GROUP BY 1";
        TreeMap<Integer, Long> result = new TreeMap<>();
        try (PreparedStatement statement = selection.prepare(connection, sql, null);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (rows.getLong(2) > 0) {
                    result.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return result;
    }

    /**
     * Nearest-rank percentile: the smallest value whose cumulative count reaches
     * {@code percent} percent of all (PostgreSQL's percentile_disc). Null when nothing was decided.
     */
    static Integer percentile(TreeMap<Integer, Long> histogram, int percent) {
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long cumulative = 0;
        for (Map.Entry<Integer, Long> bucket : histogram.entrySet()) {
            cumulative += bucket.getValue();
            if (cumulative * 100 >= (long) percent * total) {
                return bucket.getKey();
            }
        }
        return histogram.lastKey();
    }

    /** The rows of one grouping set in the period and filters, as a WHERE clause and its parameters. */
    private record Selection(String where, List<Object> parameters) {

        static Selection of(ReportQuery query, Dimension by) {
            Map<Dimension, String> filters = query.filters();
            int needed = by == null ? 0 : by.bit;
            for (Dimension dimension : filters.keySet()) {
                needed |= dimension.bit;
            }
            GroupingSet set = GroupingSet.covering(needed);
            StringBuilder where = new StringBuilder("grouping_set = ? AND received_on BETWEEN ? AND ?");
            List<Object> parameters = new ArrayList<>(List.of(set.mask, Date.valueOf(query.from()),
                    Date.valueOf(query.to())));
            filters.forEach((dimension, value) -> {
                where.append(" AND ").append(dimension.column).append(" = ?");
                parameters.add(value);
            });
            return new Selection(where.toString(), parameters);
        }

        /** Binds the parameters from position {@code first}; answers the next free position. */
        int bind(PreparedStatement statement, int first) throws SQLException {
            int i = first;
            for (Object parameter : parameters) {
                statement.setObject(i++, parameter);
            }
            return i;
        }

        PreparedStatement prepare(Connection connection, String sql, LocalDate extra) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            int i = 1;
            for (Object parameter : parameters) {
                statement.setObject(i++, parameter);
            }
            if (extra != null) {
                statement.setDate(i, Date.valueOf(extra));
            }
            return statement;
        }
    }
}
