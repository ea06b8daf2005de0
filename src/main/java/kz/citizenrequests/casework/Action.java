package kz.citizenrequests.casework;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.EnumSet;
import java.util.Set;

import static kz.citizenrequests.casework.RequestStatus.CLOSED;
import static kz.citizenrequests.casework.RequestStatus.IN_PROGRESS;
import static kz.citizenrequests.casework.RequestStatus.OPEN;
import static kz.citizenrequests.casework.RequestStatus.REGISTERED;
import static kz.citizenrequests.casework.RequestStatus.RESOLVED;
import static kz.citizenrequests.casework.RequestStatus.SUBMITTED;
import static kz.citizenrequests.casework.RequestStatus.WITHDRAWN;

/**
 * The acts that move a request through its lifecycle, and the table of where each
 * is allowed. Anything not in this table is refused (409).
 *
 * <pre>
 *  SUBMITTED --register--> REGISTERED --start_work--> IN_PROGRESS --resolve--> RESOLVED --close--> CLOSED
 *      |                        |                          ^                        |
 *      +--------- withdraw -----+------------ withdraw ----|----> WITHDRAWN          |
 *                                                          +------- reopen ----------+
 *  While open (SUBMITTED, REGISTERED, IN_PROGRESS): assign, forward, extend_deadline
 *  keep the status. comment (an internal note) is allowed in every status.
 * </pre>
 */
public enum Action implements WireValue {
    REGISTER("register", EnumSet.of(SUBMITTED), REGISTERED, true),
    START_WORK("start_work", EnumSet.of(REGISTERED), IN_PROGRESS, true),
    ASSIGN("assign", OPEN, null, false),
    FORWARD("forward", OPEN, null, true),
    EXTEND_DEADLINE("extend_deadline", OPEN, null, true),
    RESOLVE("resolve", EnumSet.of(IN_PROGRESS), RESOLVED, true),
    REOPEN("reopen", EnumSet.of(RESOLVED), IN_PROGRESS, true),
    CLOSE("close", EnumSet.of(RESOLVED), CLOSED, true),
    WITHDRAW("withdraw", OPEN, WITHDRAWN, true),
    COMMENT("comment", EnumSet.allOf(RequestStatus.class), null, false);

    private final String wire;
    private final Set<RequestStatus> allowedFrom;
    private final RequestStatus target;
    private final boolean publicAct;

    Action(String wire, Set<RequestStatus> allowedFrom, RequestStatus target, boolean publicAct) {
        this.wire = wire;
        this.allowedFrom = EnumSet.copyOf(allowedFrom);
        this.target = target;
        this.publicAct = publicAct;
    }

    public boolean isAllowedFrom(RequestStatus status) {
        return allowedFrom.contains(status);
    }

    /** The status after this act taken in {@code from}; acts without a target keep the status. */
    public RequestStatus targetFrom(RequestStatus from) {
        return target == null ? from : target;
    }

    /**
     * Whether the citizen sees this act and its note in their view. The law requires
     * telling the applicant of registration, forwarding, extension and the decision;
     * assignment and comments are internal working notes.
     */
    public boolean isPublic() {
        return publicAct;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
