package kz.citizenrequests.intake;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.Jdbc;
import kz.citizenrequests.shared.KeyedHash;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.TimeConfig;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Caps submissions per client address and per citizen per day (Kazakhstan day).
 * Counters live in PostgreSQL, so the cap holds across instances; keys are keyed
 * hashes, so neither addresses nor IINs are stored. Counted in the submission's own
 * transaction: a refused submission does not count.
 */
@ApplicationScoped
public class SubmissionLimits {

    @ConfigMapping(prefix = "citizen-requests.rate-limit")
    public interface Settings {
        /** Submissions one client address may make per day. */
        @WithDefault("50")
        int perAddressPerDay();

        /** Submissions one citizen (account, IIN, e-mail or phone) may make per day. */
        @WithDefault("10")
        int perCitizenPerDay();
    }

    private final EntityManager em;
    private final Jdbc jdbc;
    private final Settings settings;
    private final IntakeSettings intake;
    private final Clock clock;

    public SubmissionLimits(EntityManager em, Jdbc jdbc, Settings settings, IntakeSettings intake, Clock clock) {
        this.em = em;
        this.jdbc = jdbc;
        this.settings = settings;
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * Counts one submission of this address and citizen, unless its Idempotency-Key already
     * has a record: then nothing is counted and the record is answered, for the submission to
     * be replayed. 429 when either counter is over its daily cap. The look-up of the key and
     * both counters are one statement (one round trip); a null key looks up nothing.
     */
    Optional<IdempotencyRecord> count(String idempotencyKey, String clientAddress, String citizenKey) {
        Instant now = clock.instant();
        Instant windowStart = now.atZone(TimeConfig.KAZAKHSTAN).toLocalDate().atStartOfDay(TimeConfig.KAZAKHSTAN).toInstant();
        long retryAfter = Math.max(1, Duration.between(now, windowStart.plus(Duration.ofDays(1))).toSeconds());
        String address = clientAddress == null ? "" : "address:" + keyed(clientAddress);
        String citizen = citizenKey == null ? "" : "citizen:" + keyed(citizenKey);
        if (idempotencyKey == null && address.isEmpty() && citizen.isEmpty()) {
            return Optional.empty();
        }
        Counted counted = jdbc.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    WITH earlier AS (
                        SELECT body_hash, response::text AS response FROM idempotency_keys WHERE idempotency_key = ?
                    ), counted AS (
                        INSERT INTO rate_limit_counters AS c (bucket, window_start, hits)
                        SELECT b, ?, 1 FROM unnest(ARRAY[?, ?]::text[]) AS b
                        WHERE b <> '' AND NOT EXISTS (SELECT 1 FROM earlier)
                        ORDER BY b
                        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1
                        RETURNING bucket, hits)
                    SELECT bucket, hits, NULL, NULL FROM counted
                    UNION ALL SELECT NULL, NULL, body_hash, response FROM earlier""")) {
                statement.setString(1, idempotencyKey);
                statement.setObject(2, Jdbc.utc(windowStart));
                statement.setString(3, address);
                statement.setString(4, citizen);
                boolean exceeded = false;
                IdempotencyRecord earlier = null;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String bucket = rows.getString(1);
                        if (bucket == null) {
                            earlier = new IdempotencyRecord(rows.getString(3), rows.getString(4));
                        } else {
                            int limit = bucket.equals(address) ? settings.perAddressPerDay() : settings.perCitizenPerDay();
                            exceeded |= rows.getInt(2) > limit;
                        }
                    }
                }
                return new Counted(exceeded, earlier);
            }
        });
        if (counted.over()) {
            throw new TooManySubmissionsException(retryAfter);
        }
        return Optional.ofNullable(counted.earlier());
    }

    private record Counted(boolean over, IdempotencyRecord earlier) {
    }

    /**
     * Counts one submission of an Open311 integrator's api key; 429 once the key's daily quota
     * is passed. The same counters as the citizens' caps (PostgreSQL, so across instances),
     * under a bucket of the key's id: no personal data in it.
     */
    void countIntegrator(long apiKeyId, int dailyQuota) {
        Instant now = clock.instant();
        Instant windowStart = now.atZone(TimeConfig.KAZAKHSTAN).toLocalDate().atStartOfDay(TimeConfig.KAZAKHSTAN).toInstant();
        Number hits = (Number) em.createNativeQuery("""
                        INSERT INTO rate_limit_counters AS c (bucket, window_start, hits) VALUES (:bucket, :window, 1)
                        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1
                        RETURNING hits""")
                .setParameter("bucket", "open311-key:" + apiKeyId)
                .setParameter("window", windowStart)
                .getSingleResult();
        if (hits.intValue() > dailyQuota) {
            long retryAfter = Math.max(1, Duration.between(now, windowStart.plus(Duration.ofDays(1))).toSeconds());
            throw new TooManySubmissionsException(retryAfter, "The daily quota of this api key (" + dailyQuota
                    + " submissions) is reached; the administrators set it. Try again after " + retryAfter + " seconds.");
        }
    }

    /** Old windows are of no use; any instance may remove them, as often as it likes. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldWindows() {
        em.createNativeQuery("DELETE FROM rate_limit_counters WHERE window_start < :before")
                .setParameter("before", clock.instant().minus(Duration.ofDays(2)))
                .executeUpdate();
    }

    private String keyed(String value) {
        return HexFormat.of().formatHex(KeyedHash.of(intake.accessCodeSecret(), value)).substring(0, 40);
    }

    /** 429 with Retry-After: the daily cap is reached. */
    public static class TooManySubmissionsException extends ProblemException {
        public TooManySubmissionsException(long retryAfterSeconds) {
            this(retryAfterSeconds, "The daily limit of submissions is reached. Try again after " + retryAfterSeconds + " seconds.");
        }

        TooManySubmissionsException(long retryAfterSeconds, String detail) {
            super(429, "too-many-submissions", "Too many submissions", detail,
                    java.util.List.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }
}
