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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves the report deltas that acts append into the rollups (the database function
 * {@code report_fold()}, migration V24), about once a second. Every instance runs it. The
 * database decides who folds: one folder at a time, and each delta is folded exactly once,
 * so nothing here has to agree with other instances. Reports read rollups plus unfolded
 * deltas, so a late or failed fold changes no figure; it only leaves more deltas to read.
 * Folding writes, so it runs on the primary datasource, never on the reporting one.
 * <p>
 * A fold deletes every delta it moves, and it reads the delta table whole: dead rows it has
 * not got rid of make every later fold slower (a table of 480 live rows had grown to 35 MB of
 * dead ones and cost the acts a fifth of their throughput, docs/PERFORMANCE.md item 15).
 * Autovacuum visits a table at most once a minute, and may be off. So each instance vacuums
 * the table itself once its folds have moved {@code vacuum-deltas-after} rows since it last
 * did: a few milliseconds on a table of a few thousand rows. The count is this instance's
 * own (no other instance needs it); with several instances the table holds at most that many
 * dead rows per instance.
 */
@ApplicationScoped
public class RollupFolding {

    private static final Logger LOG = Logger.getLogger(RollupFolding.class);

    private final DataSource dataSource;
    private final ReportSettings settings;
    private final Counter folded;
    private final Counter vacuums;
    /** Deltas this instance's folds moved (and so left dead) since it last vacuumed the table. */
    private final AtomicLong unvacuumed = new AtomicLong();

    public RollupFolding(DataSource dataSource, ReportSettings settings, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.vacuums = Counter.builder("citizen_requests_report_delta_vacuums")
                .description("Vacuums of the report delta table after folds").register(registry);
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
                if (unvacuumed.addAndGet(moved) >= settings.vacuumDeltasAfter()) {
                    unvacuumed.set(0);
                    vacuum(connection);
                }
            }
            return moved;
        }
    }

    /**
     * Vacuums the delta table on the fold's own connection, outside any transaction as VACUUM
     * requires. SKIP_LOCKED: while another instance vacuums it, this one does not wait. A
     * failure (a user that does not own the table gets a warning, not an error) leaves the
     * folds as they were: correct, only slower.
     */
    private void vacuum(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (SKIP_LOCKED) report_delta");
            vacuums.increment();
        } catch (SQLException e) {
            LOG.warnf("Vacuuming the report deltas failed (SQL state %s); the next folds retry", e.getSQLState());
        }
    }
}
