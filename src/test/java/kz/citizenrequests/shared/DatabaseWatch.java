package kz.citizenrequests.shared;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether the database changed. A transaction that writes is given a transaction id,
 * so while the next id to be given stays the same, nothing was written, committed or rolled
 * back. When it moved, a fingerprint of everything the API can write decides: counts,
 * highest ids and version sums of the large tables, a hash of the small ones. (An api key's
 * last_used_at is left out: it records that a valid key was shown, whatever became of the
 * request.)
 */
final class DatabaseWatch implements AutoCloseable {

    private static final String NEXT_TRANSACTION = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text";
    private static final String FINGERPRINT = """
            SELECT concat_ws(' | ',
              (SELECT 'requests ' || count(*) || '/' || coalesce(max(id), 0) || '/' || coalesce(sum(version), 0)
                      || '/' || coalesce(max(updated_at)::text, '-') FROM requests),
              (SELECT 'history ' || count(*) || '/' || coalesce(max(id), 0) FROM request_history),
              (SELECT 'personal data access ' || count(*) || '/' || coalesce(max(id), 0) FROM personal_data_access),
              (SELECT 'idempotency keys ' || count(*) FROM idempotency_keys),
              (SELECT 'rate limits ' || count(*) || '/' || coalesce(sum(hits), 0) FROM rate_limit_counters),
              (SELECT 'open311 keys ' || md5(coalesce(string_agg(concat_ws(',', id, client, key_hash, revoked_at), ';' ORDER BY id), ''))
                      FROM open311_api_keys),
              (SELECT 'branches ' || md5(coalesce(string_agg(t::text, ';' ORDER BY t.code), '')) FROM branches t),
              (SELECT 'categories ' || md5(coalesce(string_agg(t::text, ';' ORDER BY t.code), '')) FROM categories t),
              (SELECT 'routing rules ' || md5(coalesce(string_agg(t::text, ';' ORDER BY t.id), '')) FROM routing_rules t),
              (SELECT 'calendar ' || md5(coalesce(string_agg(t::text, ';' ORDER BY t.day), '')) FROM calendar_days t),
              (SELECT 'regions ' || md5(coalesce(string_agg(t::text, ';' ORDER BY t.code), '')) FROM regions t),
              (SELECT 'districts ' || md5(coalesce(string_agg(t::text, ';' ORDER BY t.code), '')) FROM districts t))
            """;

    private final Connection connection;
    private final PreparedStatement nextTransaction;
    private final PreparedStatement fingerprint;
    private String next;
    private String state;

    DatabaseWatch(DataSource dataSource) throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        nextTransaction = connection.prepareStatement(NEXT_TRANSACTION);
        fingerprint = connection.prepareStatement(FINGERPRINT);
        next = read(nextTransaction);
        state = read(fingerprint);
    }

    /** Takes the database as it is now as the reference (after an accepted request). */
    void settle() {
        String now = read(nextTransaction);
        if (!now.equals(next)) {
            state = read(fingerprint);
            next = now;
        }
    }

    /** Null when nothing changed since the reference; what changed otherwise. The reference moves on. */
    String change() {
        String now = read(nextTransaction);
        if (now.equals(next)) {
            return null;
        }
        String was = state;
        state = read(fingerprint);
        next = now;
        return was.equals(state) ? null : difference(was, state);
    }

    private static String read(PreparedStatement query) {
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String difference(String before, String after) {
        String[] was = before.split(" \\| ");
        String[] now = after.split(" \\| ");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < Math.min(was.length, now.length); i++) {
            if (!was[i].equals(now[i])) {
                changed.add(was[i] + " -> " + now[i]);
            }
        }
        return String.join("; ", changed);
    }

    @Override
    public void close() throws SQLException {
        nextTransaction.close();
        fingerprint.close();
        connection.close();
    }
}
