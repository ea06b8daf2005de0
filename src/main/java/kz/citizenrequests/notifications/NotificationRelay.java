package kz.citizenrequests.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import kz.citizenrequests.shared.PersonalDataMask;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the outbox, about once a second on every instance. Three steps, each short:
 * <ol>
 * <li>claim: in its own transaction, lock due pending rows with {@code FOR UPDATE SKIP LOCKED},
 * lease them (push {@code next_attempt_at} past the lease) and count the attempt; other relays
 * skip them while locked and pass them by while leased;</li>
 * <li>deliver each, outside any transaction, with its idempotency key;</li>
 * <li>settle the batch in one transaction: the sent rows in one statement; each failed one gets a
 * retry after an exponential backoff, or is parked as failed once its attempts are used up.</li>
 * </ol>
 * So a relay that dies after claiming loses nothing: the lease runs out and another relay sends
 * the rows. One that dies after delivering and before settling makes the next relay send that
 * message once more, with the same idempotency key, for the receiver to recognise.
 */
@ApplicationScoped
public class NotificationRelay {

    private static final Logger LOG = Logger.getLogger(NotificationRelay.class);
    private static final int MAX_ERROR = 500;

    private final NotificationRepository outbox;
    private final Couriers couriers;
    private final NotificationSettings settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter retried;
    private final Counter parked;

    public NotificationRelay(NotificationRepository outbox, Couriers couriers, NotificationSettings settings,
                             Clock clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.couriers = couriers;
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
        this.retried = Counter.builder("citizen_requests_notifications_retried")
                .description("Notification attempts that failed and will be tried again").register(registry);
        this.parked = Counter.builder("citizen_requests_notifications_failed")
                .description("Notifications parked as failed after their last attempt").register(registry);
    }

    @Scheduled(every = "${citizen-requests.notifications.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayNow() {
        registry.counter("citizen_requests_notification_relay_runs_total").increment();
        try {
            while (runOnce() == settings.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            // The rows stay in the outbox; the next run takes them up again.
            LOG.warnf("Relaying notifications failed (%s); the next run retries", e.getClass().getSimpleName());
        }
    }

    /** Claims one batch of due notifications, sends them and records the outcome; answers how many it claimed. */
    public int runOnce() {
        return runOnce(clock.instant());
    }

    /** As {@link #runOnce()}, at the given time (tests drive leases and backoff through it). */
    public int runOnce(Instant now) {
        List<Outgoing> claimed = claim(now);
        long started = System.nanoTime();
        // the lease fences the batch: past nine tenths of it another relay may claim what is left,
        // so what was not sent by then is left to it instead of being sent a second time
        long fence = settings.lease().toNanos() / 10 * 9;
        List<Outgoing> sent = new ArrayList<>(claimed.size());
        Map<Outgoing, String> failed = new LinkedHashMap<>();
        for (Outgoing message : claimed) {
            if (System.nanoTime() - started > fence) {
                LOG.warnf("Relaying took most of the lease (%s); the rest of the batch is left to the next claim",
                        settings.lease());
                break;
            }
            String error = deliver(message);
            if (error == null) {
                sent.add(message);
            } else {
                failed.put(message, error);
            }
        }
        settle(sent, failed, now);
        return claimed.size();
    }

    /** Step 1: leases up to a batch of due rows to this relay, in one statement and one transaction. */
    List<Outgoing> claim(Instant now) {
        Instant until = now.plus(settings.lease());
        return QuarkusTransaction.requiringNew().call(() -> outbox.claimDue(now, until, settings.batchSize()));
    }

    /** Step 2: hands the message to its channel; answers null when sent, else what went wrong (no personal data). */
    String deliver(Outgoing message) {
        try {
            couriers.deliver(message);
            return null;
        } catch (WebApplicationException e) {
            return "SMS gateway answered HTTP " + e.getResponse().getStatus();
        } catch (RuntimeException e) {
            String detail = PersonalDataMask.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
            return detail.length() > MAX_ERROR ? detail.substring(0, MAX_ERROR) : detail;
        }
    }

    /**
     * Step 3: records the outcomes of a batch in one transaction: the sent rows in one statement,
     * each failed row with its own backoff. A relay that dies before this commits has sent the
     * batch's messages without marking them: the next claim after the lease sends them again,
     * with the same idempotency keys.
     */
    void settle(List<Outgoing> sent, Map<Outgoing, String> failed, Instant now) {
        if (sent.isEmpty() && failed.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.markSent(sent.stream().map(Outgoing::id).toList(), now);
            failed.forEach((message, error) -> attemptFailed(message, error, now));
        });
        for (Outgoing message : sent) {
            registry.counter("citizen_requests_notifications_sent", "channel", message.channel()).increment();
        }
    }

    private void attemptFailed(Outgoing message, String error, Instant now) {
        Notification notification = outbox.findById(message.id());
        if (notification == null) {
            return;
        }
        notification.attemptFailed(error, now, backoff(notification.attempts()), settings.maxAttempts());
        if (Notification.FAILED.equals(notification.status())) {
            parked.increment();
            LOG.warnf("Notification %d (%s, request %s) parked after %d attempts: %s", message.id(),
                    message.channel(), notification.trackingNumber(), notification.attempts(), error);
        } else {
            retried.increment();
            LOG.debugf("Notification %d (%s) failed attempt %d: %s", message.id(), message.channel(),
                    notification.attempts(), error);
        }
    }

    /** The wait after the n-th failed attempt: base, 2 x base, 4 x base, ... up to the cap. */
    Duration backoff(int attempts) {
        Duration base = settings.backoffBase();
        Duration cap = settings.backoffCap();
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 || wait.isNegative() ? cap : wait;
    }
}
