package kz.citizenrequests.reporting;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reports as CSV: a header row, then data rows; RFC 4180 quoting and CRLF line ends. */
final class ReportCsv {

    private ReportCsv() {
    }

    static String summary(SummaryReport r) {
        List<String> header = new ArrayList<>(filterHeader());
        header.addAll(List.of("asOf", "received", "decided", "open", "overdue", "overdueNow", "decidedOnTime",
                "decidedLate", "resolutionRate", "positiveRate", "onTimeRate", "medianWorkingDays", "p90WorkingDays",
                "forwarded", "forwardedShare", "lateForwardCount", "citizenConfirmedRate", "citizenAnswered", "citizenSatisfied", "reopened", "reopenRate",
                "withdrawn", "escalated", "complaints", "complaintsDecided", "satisfied", "partiallySatisfied", "explained", "rejected"));
        List<Object> row = new ArrayList<>(filterValues(r.query()));
        row.addAll(List.of(r.asOf(), r.received(), r.decided(), r.open(), r.overdue(), r.overdueNow(),
                r.decidedOnTime(), r.decidedLate(), blank(r.resolutionRate()), blank(r.positiveRate()),
                blank(r.onTimeRate()), blank(r.medianWorkingDays()), blank(r.p90WorkingDays()), r.forwarded(),
                blank(r.forwardedShare()), r.lateForwardCount(), blank(r.citizenConfirmedRate()), r.citizenAnswered(), r.citizenSatisfied(), r.reopened(),
                blank(r.reopenRate()), r.withdrawn(), r.escalated(), r.complaints().received(), r.complaints().decided(), r.outcomes().satisfied(), r.outcomes().partiallySatisfied(),
                r.outcomes().explained(), r.outcomes().rejected()));
        return write(header, List.of(row));
    }

    static String timeseries(TimeseriesReport r) {
        List<String> header = List.of("period", "received", "decided", "open", "decidedOnTime", "resolutionRate",
                "onTimeRate");
        List<List<Object>> rows = new ArrayList<>();
        for (TimeseriesReport.Bucket b : r.buckets()) {
            rows.add(List.of(b.period(), b.received(), b.decided(), b.open(), b.decidedOnTime(),
                    blank(b.resolutionRate()), blank(b.onTimeRate())));
        }
        return write(header, rows);
    }

    static String breakdown(BreakdownReport r) {
        List<String> header = List.of(r.by().wire(), "received", "decided", "open", "overdueNow", "decidedLate",
                "resolutionRate", "onTimeRate", "positiveRate");
        List<List<Object>> rows = new ArrayList<>();
        for (BreakdownReport.Row row : r.rows()) {
            rows.add(List.of(row.key(), row.received(), row.decided(), row.open(), blank(row.overdueNow()),
                    row.decidedLate(), blank(row.resolutionRate()), blank(row.onTimeRate()),
                    blank(row.positiveRate())));
        }
        return write(header, rows);
    }

    private static List<String> filterHeader() {
        return List.of("from", "to", "region", "branch", "category", "type", "channel");
    }

    private static List<Object> filterValues(ReportQuery q) {
        return List.of(q.from(), q.to(), blank(q.region()), blank(q.branch()), blank(q.category()), blank(q.type()),
                blank(q.channel()));
    }

    private static Object blank(Object value) {
        return value == null ? "" : value;
    }

    private static String write(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
