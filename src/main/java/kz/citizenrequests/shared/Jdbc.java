package kz.citizenrequests.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Plain JDBC on the connection of the current transaction, for the few statements of the hot
 * write path (a submission, an act) where Hibernate's native-query machinery costs more CPU than
 * the statement: the result-set mapping it resolves on every call, and the flush of the whole
 * session it makes before each native statement (docs/PERFORMANCE.md, "The write path").
 * Same connection and transaction as the entities around it. A failure reaches the caller as
 * Hibernate's JDBC exception with the PostgreSQL error as its cause, as a native query's does,
 * so the problem mapper tells a busy or unreachable database the same way.
 */
@ApplicationScoped
public class Jdbc {

    private final EntityManager em;

    public Jdbc(EntityManager em) {
        this.em = em;
    }

    /** Runs the work on the transaction's connection and answers its result. */
    public <T> T run(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    /** Runs a statement that answers one row (a {@code RETURNING id}, a {@code nextval}) and answers its first column. */
    public static long singleLong(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** An instant as the driver binds it to {@code timestamptz}; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
