package kz.citizenrequests.portal;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.reporting.ReportService;
import kz.citizenrequests.reporting.SummaryReport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The figures the home page publishes, read from the reports at most once per
 * {@code citizen-requests.portal.figures-every} (a minute), so that a crowd on the home page
 * does not become a crowd of report queries. Each instance keeps its own copy; nothing else
 * depends on it. When the reports cannot be read (their database, a replica perhaps, is down),
 * the last figures read stay on the page, dated by their {@code asOf}, so that the home page,
 * the citizens' way to submit, does not fail with the reports.
 */
@ApplicationScoped
public class HeadlineFigures {

    private static final Logger LOG = Logger.getLogger(HeadlineFigures.class);

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
            try {
                read = new Read(reports.yearToDate(), now);
                last = read;
            } catch (RuntimeException e) {
                if (read == null) {
                    throw e;
                }
                LOG.warnf("Reading the headline figures failed (%s); the home page keeps those of %s",
                        e.getMessage(), read.summary().asOf());
                last = new Read(read.summary(), now);
            }
        }
        return read.summary();
    }
}
