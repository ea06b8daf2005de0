package kz.citizenrequests.shared;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Optional;

import static kz.citizenrequests.shared.Unavailability.Cause.DATABASE_BUSY;
import static kz.citizenrequests.shared.Unavailability.Cause.DATABASE_READ_ONLY;
import static kz.citizenrequests.shared.Unavailability.Cause.DATABASE_TIMEOUT;
import static kz.citizenrequests.shared.Unavailability.Cause.DATABASE_UNREACHABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which database failures are "try again soon" (503) and which are defects (500). */
class UnavailabilityTest {

    @Test
    void theTransientDatabaseFailuresAreRecognisedThroughTheirWrappers() {
        assertEquals(Optional.of(DATABASE_BUSY), cause(new SQLException("Sorry, acquisition timeout!")));
        assertEquals(Optional.of(DATABASE_BUSY), cause(new SQLException("FATAL: sorry, too many clients already", "53300")));
        assertEquals(Optional.of(DATABASE_TIMEOUT), cause(new SQLException("canceling statement due to statement timeout", "57014")));
        assertEquals(Optional.of(DATABASE_TIMEOUT), cause(new SQLException("could not obtain lock", "55P03")));
        assertEquals(Optional.of(DATABASE_TIMEOUT), cause(new SQLException(
                "canceling statement due to conflict with recovery", "40001")));
        assertEquals(Optional.of(DATABASE_UNREACHABLE), cause(new SQLException("terminating connection due to administrator command", "57P01")));
        assertEquals(Optional.of(DATABASE_UNREACHABLE), cause(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertEquals(Optional.of(DATABASE_READ_ONLY),
                cause(new SQLException("cannot execute INSERT in a read-only transaction", "25006")));
        assertEquals(Optional.of(DATABASE_UNREACHABLE),
                Unavailability.databaseCause(new JDBCConnectionException("connection lost", new SQLException("x"))));
    }

    /** A connection cut during commit: the transaction manager reports PostgreSQL's error as suppressed. */
    @Test
    void aFailedCommitIsRecognisedThroughItsSuppressedCause() {
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));
        assertEquals(Optional.of(DATABASE_UNREACHABLE),
                Unavailability.databaseCause(new RuntimeException("undeclared", rollback)));
    }

    @Test
    void otherFailuresAreNotMistakenForUnavailability() {
        assertEquals(Optional.empty(), cause(new SQLException("duplicate key value", "23505")));
        assertEquals(Optional.empty(), cause(new SQLException("syntax error", "42601")));
        assertEquals(Optional.empty(), Unavailability.databaseCause(new IllegalStateException("a defect")));
    }

    private static Optional<Unavailability.Cause> cause(SQLException sql) {
        // as it reaches the mapper: wrapped by Hibernate and by the persistence API
        return Unavailability.databaseCause(new jakarta.persistence.PersistenceException(
                new org.hibernate.exception.GenericJDBCException("could not execute statement", sql)));
    }
}
