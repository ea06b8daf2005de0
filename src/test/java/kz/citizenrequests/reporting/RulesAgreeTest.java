package kz.citizenrequests.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.calendar.Deadlines;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rules that the SQL of the rollups states a second time, for speed, must say what the Java
 * says: the grouping sets kept, and the count of working days (due dates are computed in
 * Java, the "decided in how many working days" figures in SQL).
 */
@QuarkusTest
class RulesAgreeTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Deadlines deadlines;

    @Test
    void theGroupingSetsOfJavaAndSqlAreTheSame() throws SQLException {
        Set<Short> java = Arrays.stream(GroupingSet.values()).map(g -> g.mask).collect(Collectors.toCollection(TreeSet::new));
        Set<Short> sql = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT unnest(report_grouping_sets())")) {
            while (rows.next()) {
                sql.add(rows.getShort(1));
            }
        }
        assertEquals(java, sql);
    }

    /** Over the seeded calendar (holidays, days moved by decree): a due date N working days on counts N in SQL. */
    @Test
    void javaAndSqlCountTheSameWorkingDays() throws SQLException {
        Random random = new Random(76);
        int workingDays = ConfigProvider.getConfig().getValue("citizen-requests.deadlines.working-days", Integer.class);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT report_working_days(?, ?)")) {
            for (int i = 0; i < 300; i++) {
                LocalDate received = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(3 * 365 - 60));
                LocalDate due = deadlines.dueDate("application", received);
                count.setObject(1, received);
                count.setObject(2, due);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    assertEquals(workingDays, rows.getInt(1), "received " + received + ", due " + due);
                }
            }
        }
    }
}
