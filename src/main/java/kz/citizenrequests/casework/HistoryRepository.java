package kz.citizenrequests.casework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The append-only history of acts on requests. The table is partitioned by the year of the
 * act (migration V35), so a request's history is read from its receipt on: no act precedes
 * the receipt, and the bound lets PostgreSQL skip the years before it.
 */
@ApplicationScoped
public class HistoryRepository implements PanacheRepository<HistoryEntry> {

    private final Event<PublicAct> publicActs;

    public HistoryRepository(Event<PublicAct> publicActs) {
        this.publicActs = publicActs;
    }

    /**
     * Appends the act's row and, when the citizen is to be told of it, announces it in the same
     * transaction: the one way every act, by staff, citizen or the system, enters the history.
     */
    void record(Request request, HistoryEntry entry) {
        persist(entry);
        if (entry.isPublic()) {
            publicActs.fire(PublicAct.of(request, entry));
        }
    }

    /** Slack for clocks of instances that disagree: an act stamped a little before the receipt is still read. */
    static final Duration CLOCK_SLACK = Duration.ofDays(1);

    public List<HistoryEntry> of(Request request) {
        return list("request = ?1 and at >= ?2 order by id", request, since(request));
    }

    public List<HistoryEntry> publicOf(Request request) {
        return list("request = ?1 and at >= ?2 and publicEntry = true order by id", request, since(request));
    }

    private static Instant since(Request request) {
        return request.receivedAt().minus(CLOCK_SLACK);
    }
}
