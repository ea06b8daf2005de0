package kz.citizenrequests.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.hibernate.Session;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The version of the reference data (regions, districts, branches, categories, routing rules,
 * the calendar): a number in the database that a trigger moves on every change, whoever
 * makes it (migration V25). Modules keep their reference tables in memory as {@link Copy}s
 * and reload them when the number moves. The number is read at most once per
 * {@code citizen-requests.reference.check-every}, so every instance sees a change made
 * anywhere within that time. An instance that makes a change itself sees it at once: the
 * administration calls {@link #changedHere()}.
 */
@ApplicationScoped
public class ReferenceStamp {

    private final DataSource dataSource;
    private final SessionFactory sessions;
    private final TransactionSynchronizationRegistry transactions;
    private final long checkEveryNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Counts the changes made here, so that a read that started before one does not hide it. */
    private final AtomicLong changes = new AtomicLong();
    private volatile long stamp = -1;
    private volatile long readAt;

    public ReferenceStamp(DataSource dataSource, SessionFactory sessions, TransactionSynchronizationRegistry transactions,
                          @ConfigProperty(name = "citizen-requests.reference.check-every", defaultValue = "500ms")
                          Duration checkEvery) {
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.transactions = transactions;
        this.checkEveryNanos = checkEvery.toNanos();
    }

    /**
     * The stamp, as read from the database no longer ago than the check period. One thread
     * reads it when it is due; the others go on with the stamp they know meanwhile instead of
     * waiting. No lock is held while a connection is taken: a thread that waited for one here
     * while holding a lock others need, and they holding the connections, would stall the pool.
     */
    public long current() {
        long known = stamp;
        if (known >= 0 && System.nanoTime() - readAt < checkEveryNanos) {
            return known;
        }
        boolean mine = refreshing.compareAndSet(false, true);
        if (!mine && known >= 0) {
            return known;
        }
        try {
            long generation = changes.get();
            long fresh = read();
            if (changes.get() == generation) {
                // not overwritten by a change made here meanwhile
                readAt = System.nanoTime();
                stamp = fresh;
            }
            return fresh;
        } finally {
            if (mine) {
                refreshing.set(false);
            }
        }
    }

    /**
     * This instance is changing reference data: once the transaction ends, the next use reads
     * the stamp again, so that the change is seen here at once.
     */
    public void changedHere() {
        changes.incrementAndGet();
        stamp = -1;
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    changes.incrementAndGet();
                    stamp = -1;
                }
            });
        }
    }

    private long read() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT stamp FROM reference_stamp")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the reference stamp failed", e);
        }
    }

    /**
     * A copy of some reference tables, loaded by {@code load} from a read-only session of its
     * own (so its entities belong to no caller's session and are never changed), and loaded again when the
     * stamp has moved. Callers treat what it gives as read-only.
     */
    public <T> Copy<T> copy(Function<Session, T> load) {
        return new Copy<>(this, load);
    }

    public static final class Copy<T> {

        private record Loaded<T>(long stamp, T value) {
        }

        private final ReferenceStamp stamp;
        private final Function<Session, T> load;
        private volatile Loaded<T> loaded;

        private Copy(ReferenceStamp stamp, Function<Session, T> load) {
            this.stamp = stamp;
            this.load = load;
        }

        public T get() {
            long now = stamp.current();
            Loaded<T> known = loaded;
            if (known != null && known.stamp() == now) {
                return known.value();
            }
            T value;
            try (Session session = stamp.sessions.openSession()) {
                session.setDefaultReadOnly(true);
                value = load.apply(session);
            }
            loaded = new Loaded<>(now, value);
            return value;
        }
    }
}
