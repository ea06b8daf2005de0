package kz.citizenrequests.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the reports read: the datasource {@code reporting} when it is configured
 * ({@code quarkus.datasource.reporting.jdbc.url}, normally a streaming replica of the
 * primary), the primary otherwise. Only reads go here; the folding of the rollups writes
 * and stays on the primary ({@link RollupFolding}).
 *
 * <p>On a replica the figures stay exact, only older: a report reads the rollups plus the
 * unfolded deltas, and a fold moves deltas into the rollups in one transaction, which a
 * replica replays whole. So a report counts every request committed up to the replica's
 * replay point exactly once; the replication lag is all it trails by.
 *
 * <p>A replica that is down fails the reports only: they answer 503 with Retry-After like
 * any unavailable database (the connection error is mapped by ProblemMapper), while intake
 * and casework go on and readiness stays up (the datasource is excluded from the health
 * checks). Reports do not fall back to the primary, so that a lost replica never moves the
 * reporting load onto the database that takes the submissions.
 *
 * <p>Made at start-up, so that the log says from the start which database the reports read.
 */
@Singleton
@Startup
class ReportingDatabase {

    private static final Logger LOG = Logger.getLogger(ReportingDatabase.class);

    private final DataSource dataSource;
    private final boolean separate;

    ReportingDatabase(DataSource primary,
                      @io.quarkus.agroal.DataSource("reporting") InjectableInstance<AgroalDataSource> reporting) {
        this.separate = reporting.getHandle().getBean().isActive();
        this.dataSource = separate ? reporting.get() : primary;
        LOG.infof("Reports read %s", separate ? "the reporting datasource" : "the primary datasource");
    }

    /** A connection for reading report figures; never for writing. */
    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Whether reports read a database of their own (the reporting datasource) rather than the primary. */
    boolean separate() {
        return separate;
    }
}
