package kz.citizenrequests.casework;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps next year's partitions of the history and of the access log ready (migration V35):
 * at start and once a day, every instance calls {@code yearly_partitions_ensure()}, which
 * creates the partitions of the current and the next year that are missing. The database
 * decides who creates them (an advisory lock; the others return at once), and a year is
 * created months before its first row, so a run that fails only leaves the next run to do it.
 * A row of a year without a partition still lands in the DEFAULT partition: nothing is refused.
 */
@ApplicationScoped
public class YearlyPartitions {

    private static final Logger LOG = Logger.getLogger(YearlyPartitions.class);

    private final DataSource dataSource;

    public YearlyPartitions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${citizen-requests.partitions.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            ensure();
        } catch (SQLException e) {
            LOG.warnf("Creating next year's partitions failed (SQL state %s); the next run retries", e.getSQLState());
        }
    }

    /** Creates the missing partitions of this year and the next; answers how many were created. */
    public int ensure() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT yearly_partitions_ensure(1)")) {
            row.next();
            int created = row.getInt(1);
            if (created > 0) {
                LOG.infof("Created %d yearly partitions of the history and the access log", created);
            }
            return created;
        }
    }
}
