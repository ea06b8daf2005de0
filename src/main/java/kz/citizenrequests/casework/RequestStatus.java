package kz.citizenrequests.casework;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request stands. The one place that says which statuses are open, decided
 * or final; the allowed moves between them are in {@link Action}.
 */
public enum RequestStatus {
    /** Received and routed to a branch; the branch has not registered it yet. */
    SUBMITTED,
    /** Registered by the branch (the statutory receipt). */
    REGISTERED,
    /** Being worked by the branch. */
    IN_PROGRESS,
    /** Decided: an outcome and an answer were given to the citizen. */
    RESOLVED,
    /** Finished after resolution; nothing more happens. */
    CLOSED,
    /** Withdrawn by the citizen while open. */
    WITHDRAWN;

    public static final Set<RequestStatus> OPEN = EnumSet.of(SUBMITTED, REGISTERED, IN_PROGRESS);
    public static final Set<RequestStatus> DECIDED = EnumSet.of(RESOLVED, CLOSED);
    /**
     * What a branch's queue tallies: the open requests, and those answered but not yet closed
     * (the citizen may still answer the decision, and a complaint brings them back).
     */
    public static final Set<RequestStatus> WAITING = EnumSet.of(SUBMITTED, REGISTERED, IN_PROGRESS, RESOLVED);

    /** Still waiting for a decision: counts toward the backlog and can become overdue. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** A decision was given (resolved or closed after resolution). */
    public boolean isDecided() {
        return DECIDED.contains(this);
    }
}
