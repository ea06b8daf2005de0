package kz.citizenrequests.portal;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.reporting.ReportService;
import kz.citizenrequests.reporting.SummaryReport;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The figures the home page publishes, read from the reports at most once per
 * {@code citizen-requests.portal.figures-every} (a minute), so that a crowd on the home page
 * does not become a crowd of report queries. Each instance keeps its own copy; nothing else
 * depends on it.
 */
@ApplicationScoped
public class HeadlineFigures {

    private record Read(SummaryReport summary, long atNanos) {
    }

    private final ReportService reports;
    private final long everyNanos;
    private volatile Read last;

    public HeadlineFigures(ReportService reports,
                           @ConfigProperty(name = "citizen-requests.portal.figures-every", defaultValue = "60s")
                           Duration every) {
        this.reports = reports;
        this.everyNanos = every.toNanos();
    }

    public SummaryReport current() {
        Read read = last;
        long now = System.nanoTime();
        if (read == null || now - read.atNanos() >= everyNanos) {
            read = new Read(reports.yearToDate(), now);
            last = read;
        }
        return read.summary();
    }
}
