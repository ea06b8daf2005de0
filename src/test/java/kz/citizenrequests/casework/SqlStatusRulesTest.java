package kz.citizenrequests.casework;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.shared.TimeConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema states the status sets and the Kazakhstan time zone again, in a CHECK, a
 * partial index and the report functions (SQL cannot call Java). {@link RequestStatus} and
 * {@link TimeConfig} are their home: whatever the database says must be what they say.
 */
@QuarkusTest
class SqlStatusRulesTest {

    /** {@code IN ('A', 'B')} as written in function bodies, {@code ARRAY['A'::character varying, ...]} as PostgreSQL prints a CHECK or an index predicate. */
    private static final Pattern STATUS_LIST = Pattern.compile(
            "(?:IN \\(|ARRAY\\[)((?:'[A-Z_]+'(?:::[a-z ]+)?(?:, )?)+)[)\\]]");
    private static final Pattern ZONE = Pattern.compile("AT TIME ZONE '([^']+)'");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theStatusCheckNamesExactlyTheStatusesOfTheEnum() throws SQLException {
        String check = text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'requests_status'");
        assertEquals(names(EnumSet.allOf(RequestStatus.class)), statusLists(check).get(0));
    }

    @Test
    void everyStatusListInTheSchemaIsAllOpenOrDecidedAsTheEnumSaysAndTheZoneIsKazakhstans() throws SQLException {
        String sql = text("SELECT string_agg(def, E'\\n') FROM ("
                + " SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'requests'::regclass"
                + " UNION ALL SELECT prosrc FROM pg_proc WHERE proname LIKE 'report%') d");
        Set<Set<String>> allowed = Set.of(names(EnumSet.allOf(RequestStatus.class)), names(RequestStatus.OPEN),
                names(RequestStatus.DECIDED), names(RequestStatus.WAITING));
        List<Set<String>> lists = statusLists(sql);
        assertFalse(lists.isEmpty());
        for (Set<String> list : lists) {
            assertTrue(allowed.contains(list), "a status set the enum does not define: " + list);
        }
        assertTrue(lists.contains(names(RequestStatus.OPEN)), "the open set is used");
        assertTrue(lists.contains(names(RequestStatus.DECIDED)), "the decided set is used");
        Matcher zone = ZONE.matcher(sql);
        int zones = 0;
        while (zone.find()) {
            assertEquals(TimeConfig.KAZAKHSTAN.getId(), zone.group(1));
            zones++;
        }
        assertTrue(zones > 0);
    }

    private static List<Set<String>> statusLists(String sql) {
        List<Set<String>> lists = new ArrayList<>();
        Matcher matcher = STATUS_LIST.matcher(sql);
        while (matcher.find()) {
            lists.add(Arrays.stream(matcher.group(1).split(", "))
                    .map(s -> s.replaceAll("::.*", "").replace("'", "").trim())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return lists;
    }

    private static Set<String> names(Set<RequestStatus> statuses) {
        return statuses.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private String text(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
