package kz.citizenrequests.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * When the service cannot serve now but will soon: the database is out of reach, out of
 * connections, too slow or refusing writes, or the service itself is full. Clients get 503
 * with Retry-After, never a 500, and each such answer is counted
 * ({@code citizen_requests_unavailable_total} by cause), so that operators see shedding
 * before users report it.
 */
@Singleton
public class Unavailability {

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private final MeterRegistry registry;

    public Unavailability(MeterRegistry registry) {
        this.registry = registry;
    }

    public enum Cause {
        /** More requests in flight than this instance takes at once. */
        OVERLOAD,
        /** No connection within the pool's acquisition timeout, or PostgreSQL refuses more clients. */
        DATABASE_BUSY,
        /** The database cannot be reached or closed the connection. */
        DATABASE_UNREACHABLE,
        /** A statement ran into the statement or lock timeout. */
        DATABASE_TIMEOUT,
        /**
         * The database refuses writes for now (25006): a primary set read-only for maintenance or
         * while it is being switched over. Reads, and reports on a replica, still answer.
         */
        DATABASE_READ_ONLY
    }

    public void count(Cause cause) {
        Counter.builder("citizen_requests_unavailable").description("Requests answered 503: shed or the database unavailable")
                .tag("cause", cause.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }

    /**
     * The transient database failure behind an exception, if that is what it is: searched
     * through causes and suppressed exceptions (a failed commit reports the PostgreSQL error
     * as suppressed by the transaction manager's RollbackException).
     */
    public static Optional<Cause> databaseCause(Throwable failure) {
        return databaseCause(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static Optional<Cause> databaseCause(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return Optional.empty();
        }
        if (t instanceof SQLException sql) {
            Optional<Cause> cause = of(sql);
            if (cause.isPresent()) {
                return cause;
            }
        }
        if (t instanceof org.hibernate.exception.JDBCConnectionException) {
            return Optional.of(Cause.DATABASE_UNREACHABLE);
        }
        if (t instanceof jakarta.persistence.QueryTimeoutException || t instanceof org.hibernate.QueryTimeoutException
                || t instanceof jakarta.persistence.LockTimeoutException) {
            return Optional.of(Cause.DATABASE_TIMEOUT);
        }
        for (Throwable suppressed : t.getSuppressed()) {
            Optional<Cause> cause = databaseCause(suppressed, seen);
            if (cause.isPresent()) {
                return cause;
            }
        }
        return databaseCause(t.getCause(), seen);
    }

    private static Optional<Cause> of(SQLException sql) {
        String state = sql.getSQLState();
        String message = sql.getMessage() == null ? "" : sql.getMessage();
        if (message.contains("acquisition timeout") || "53300".equals(state) || "53000".equals(state)
                || "57P03".equals(state)) {
            // pool exhausted; too many clients; insufficient resources; cannot connect now (starting up)
            return Optional.of(Cause.DATABASE_BUSY);
        }
        if ("57014".equals(state) || "55P03".equals(state) || "40P01".equals(state) || "40001".equals(state)) {
            // statement timeout or cancel; lock not available; deadlock; a query a hot standby
            // cancelled for a replay conflict (the reporting replica), which a retry gets past
            return Optional.of(Cause.DATABASE_TIMEOUT);
        }
        if ("25006".equals(state)) {
            // read_only_sql_transaction: a write reached a database that refuses writes now
            return Optional.of(Cause.DATABASE_READ_ONLY);
        }
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            // connection exceptions; administrator shutdown, crash shutdown
            return Optional.of(Cause.DATABASE_UNREACHABLE);
        }
        if (sql instanceof SQLTransientException && state == null) {
            return Optional.of(Cause.DATABASE_UNREACHABLE);
        }
        return Optional.empty();
    }
}
