package kz.citizenrequests.reporting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Moves the report deltas that acts append into the rollups (the database function
 * {@code report_fold()}, migration V24), about once a second. Every instance runs it. The
 * database decides who folds: one folder at a time, and each delta is folded exactly once,
 * so nothing here has to agree with other instances. Reports read rollups plus unfolded
 * deltas, so a late or failed fold changes no figure; it only leaves more deltas to read.
 * Folding writes, so it runs on the primary datasource, never on the reporting one.
 */
@ApplicationScoped
public class RollupFolding {

    private static final Logger LOG = Logger.getLogger(RollupFolding.class);

    private final DataSource dataSource;
    private final Counter folded;

    public RollupFolding(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.folded = Counter.builder("citizen_requests_report_deltas_folded")
                .description("Report deltas moved into the rollups").register(registry);
    }

    @Scheduled(every = "${citizen-requests.reports.fold-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void foldNow() {
        try {
            fold(false);
        } catch (SQLException e) {
            // The next run folds what this one could not; the figures do not depend on it.
            LOG.warnf("Folding the report deltas failed (SQL state %s); the next run retries", e.getSQLState());
        }
    }

    /**
     * Folds the deltas visible now and answers how many were moved. With {@code wait} it
     * queues behind a fold in progress; without, it returns 0 when another folder is at work.
     */
    public int fold(boolean wait) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT report_fold(" + wait + ")")) {
            row.next();
            int moved = row.getInt(1);
            folded.increment(moved);
            if (moved > 0) {
                LOG.debugf("Folded %d report deltas", moved);
            }
            return moved;
        }
    }
}
