package kz.citizenrequests.casework;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import kz.citizenrequests.calendar.Deadlines;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.TimeConfig;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Deadlines that act (APPC Art. 76, 91). Every {@code citizen-requests.deadline-watch.every},
 * on every instance: staff are warned of requests due within the warning term, each open
 * request whose due date has passed is escalated, once, and each resolved request that the
 * citizen did not answer within the window is closed. Who does which is decided by the
 * database, not by memory: warnings are one insert that skips what exists, escalations are
 * claimed with {@code FOR UPDATE SKIP LOCKED} in batches, so instances never do one twice.
 */
@ApplicationScoped
public class DeadlineWatch {

    static final String SYSTEM = "system";
    private static final int BATCH = 200;

    private final EntityManager em;
    private final HistoryRepository history;
    private final StaffNotices notices;
    private final Deadlines deadlines;
    private final ReferenceData reference;
    private final Clock clock;
    private final FeedbackSettings feedback;
    private final Counter escalations;
    private final Counter warnings;
    private final Counter runs;

    public DeadlineWatch(EntityManager em, HistoryRepository history, StaffNotices notices, Deadlines deadlines,
                         ReferenceData reference, Clock clock, FeedbackSettings feedback, MeterRegistry meters) {
        this.feedback = feedback;
        this.em = em;
        this.history = history;
        this.notices = notices;
        this.deadlines = deadlines;
        this.reference = reference;
        this.clock = clock;
        this.escalations = meters.counter("citizen_requests_escalations_total");
        this.warnings = meters.counter("citizen_requests_due_soon_warnings_total");
        this.runs = meters.counter("citizen_requests_deadline_watch_runs_total");
    }

    /** What one run did. */
    public record Run(int warned, int escalated, int closed) {
    }

    @Scheduled(every = "${citizen-requests.deadline-watch.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        run(clock.instant());
    }

    /** One run as of {@code now}; tests drive it with the instant they need. */
    public Run run(Instant now) {
        Run run = new Run(warn(now), escalate(now), closeUnanswered(now));
        runs.increment();
        return run;
    }

    /**
     * Closes each resolved request whose answer window has passed without the citizen's answer
     * turning it into a complaint: the decision stands (actor {@code system}). Claimed like escalations.
     */
    public int closeUnanswered(Instant now) {
        Instant cutoff = now.minus(java.time.Duration.ofDays(feedback.windowDays()));
        return inBatches(() -> closeBatch(cutoff, now));
    }

    @SuppressWarnings("unchecked")
    private int closeBatch(Instant cutoff, Instant now) {
        List<Number> ids = em.createNativeQuery("SELECT id FROM requests WHERE status = 'RESOLVED' "
                        + "AND resolved_at < :cutoff ORDER BY resolved_at, id LIMIT :batch FOR UPDATE SKIP LOCKED")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", BATCH)
                .getResultList();
        for (Number id : ids) {
            Request request = em.find(Request.class, id.longValue());
            history.record(request, request.close(SYSTEM, now, null));
        }
        return ids.size();
    }

    /** Warns of the requests due within the warning term as of {@code now}, each once per due date and branch. */
    public int warn(Instant now) {
        LocalDate today = now.atZone(TimeConfig.KAZAKHSTAN).toLocalDate();
        LocalDate until = deadlines.dueSoonUntil(today);
        int warned = QuarkusTransaction.requiringNew().call(() -> notices.warnDueSoon(today, until, now));
        warnings.increment(warned);
        return warned;
    }

    /** Escalates every open request whose due date is before the day of {@code now}, each once. */
    public int escalate(Instant now) {
        LocalDate today = now.atZone(TimeConfig.KAZAKHSTAN).toLocalDate();
        int escalated = inBatches(() -> escalateBatch(today, now));
        escalations.increment(escalated);
        return escalated;
    }

    /** Runs a claim of at most {@code BATCH} rows, each in its own transaction, until one claims fewer. */
    private static int inBatches(java.util.concurrent.Callable<Integer> batch) {
        int total = 0;
        int claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(batch);
            total += claimed;
        } while (claimed == BATCH);
        return total;
    }

    /**
     * Escalates up to a batch of the open requests due before {@code today} and not yet
     * escalated. The rows are locked as they are claimed; rows another instance holds are
     * skipped, and once committed they are escalated and no longer claimed.
     */
    @SuppressWarnings("unchecked")
    private int escalateBatch(LocalDate today, Instant now) {
        List<Number> ids = em.createNativeQuery("SELECT id FROM requests "
                        + "WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS') AND due_date < :today "
                        + "AND escalated_at IS NULL ORDER BY due_date, id LIMIT :batch FOR UPDATE SKIP LOCKED")
                .setParameter("today", today)
                .setParameter("batch", BATCH)
                .getResultList();
        for (Number id : ids) {
            Request request = em.find(Request.class, id.longValue());
            history.record(request, request.escalate(SYSTEM, now));
            notices.add(request, StaffNotices.ESCALATED, request.branchCode(), null, now);
            reference.regionalBranch(request.regionCode())
                    .filter(regional -> !regional.code().equals(request.branchCode()))
                    .ifPresent(regional -> notices.add(request, StaffNotices.ESCALATED, regional.code(), null, now));
        }
        return ids.size();
    }
}
