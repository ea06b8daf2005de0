package kz.citizenrequests.intake;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.TimeConfig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    private final Settings settings;
    private final IntakeSettings intake;
    private final Clock clock;

    public SubmissionLimits(EntityManager em, Settings settings, IntakeSettings intake, Clock clock) {
        this.em = em;
        this.settings = settings;
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * Counts one submission of this address and citizen; 429 when either is over its daily
     * cap. Both counters move in one statement (one round trip).
     */
    void count(String clientAddress, String citizenKey) {
        Instant now = clock.instant();
        Instant windowStart = now.atZone(TimeConfig.KAZAKHSTAN).toLocalDate().atStartOfDay(TimeConfig.KAZAKHSTAN).toInstant();
        long retryAfter = Math.max(1, Duration.between(now, windowStart.plus(Duration.ofDays(1))).toSeconds());
        String address = clientAddress == null ? "" : "address:" + keyed(clientAddress);
        String citizen = citizenKey == null ? "" : "citizen:" + keyed(citizenKey);
        if (address.isEmpty() && citizen.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> hits = em.createNativeQuery("""
                        INSERT INTO rate_limit_counters AS c (bucket, window_start, hits)
                        SELECT b, :window, 1 FROM unnest(ARRAY[:address, :citizen]::text[]) AS b WHERE b <> ''
                        ORDER BY b
                        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1
                        RETURNING bucket, hits""")
                .setParameter("address", address)
                .setParameter("citizen", citizen)
                .setParameter("window", windowStart)
                .getResultList();
        for (Object[] hit : hits) {
            int limit = hit[0].equals(address) ? settings.perAddressPerDay() : settings.perCitizenPerDay();
            if (((Number) hit[1]).intValue() > limit) {
                throw new TooManySubmissionsException(retryAfter);
            }
        }
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(intake.accessCodeSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
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
