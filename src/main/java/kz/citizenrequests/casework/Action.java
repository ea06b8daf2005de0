package kz.citizenrequests.casework;

import kz.citizenrequests.shared.WireValue;

import com.fasterxml.jackson.annotation.JsonValue;

import kz.citizenrequests.shared.Role;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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
 *  keep the status. comment (an internal note) is allowed in every status. escalate (the day
 *  after the due date, once) and reschedule (a new holiday moves the due date) are the
 *  system's alone, never a client's. The citizen answers a decision (feedback, while
 *  RESOLVED and within the answer window); "not satisfied" with a comment is a complaint,
 *  which reopens the request at the branch above (RESOLVED -> IN_PROGRESS). While open, the
 *  citizen may add a follow-up comment (follow_up).
 * </pre>
 * The last column says who may perform each act.
 */
public enum Action implements WireValue {
    REGISTER("register", EnumSet.of(SUBMITTED), REGISTERED, true, Performers.STAFF),
    START_WORK("start_work", EnumSet.of(REGISTERED), IN_PROGRESS, true, Performers.STAFF),
    ASSIGN("assign", OPEN, null, false, Performers.HEAD),
    FORWARD("forward", OPEN, null, true, Performers.HEAD),
    EXTEND_DEADLINE("extend_deadline", OPEN, null, true, Performers.HEAD),
    RESOLVE("resolve", EnumSet.of(IN_PROGRESS), RESOLVED, true, Performers.STAFF),
    REOPEN("reopen", EnumSet.of(RESOLVED), IN_PROGRESS, true, Performers.STAFF),
    CLOSE("close", EnumSet.of(RESOLVED), CLOSED, true, Performers.STAFF),
    WITHDRAW("withdraw", OPEN, WITHDRAWN, true, EnumSet.of(Role.CITIZEN)),
    FEEDBACK("feedback", EnumSet.of(RESOLVED), null, true, EnumSet.of(Role.CITIZEN)),
    COMPLAINT("complaint", EnumSet.of(RESOLVED), IN_PROGRESS, true, EnumSet.noneOf(Role.class)),
    FOLLOW_UP("follow_up", OPEN, null, true, EnumSet.of(Role.CITIZEN)),
    ESCALATE("escalate", OPEN, null, false, EnumSet.noneOf(Role.class)),
    RESCHEDULE("reschedule", OPEN, null, false, EnumSet.noneOf(Role.class)),
    COMMENT("comment", EnumSet.allOf(RequestStatus.class), null, false, Performers.STAFF);

    private final String wire;
    private final Set<RequestStatus> allowedFrom;
    private final RequestStatus target;
    private final boolean publicAct;
    private final Set<Role> performers;

    Action(String wire, Set<RequestStatus> allowedFrom, RequestStatus target, boolean publicAct, Set<Role> performers) {
        this.wire = wire;
        this.allowedFrom = EnumSet.copyOf(allowedFrom);
        this.target = target;
        this.publicAct = publicAct;
        this.performers = EnumSet.copyOf(performers);
    }

    public boolean isAllowedFrom(RequestStatus status) {
        return allowedFrom.contains(status);
    }

    /**
     * Who may perform this act: operators and branch heads work requests; only a
     * branch head extends deadlines (APPC Art. 76 gives it to the head of the body),
     * reassigns and forwards; only the citizen withdraws; nobody asks for an escalation, the
     * deadline watch performs it.
     */
    public boolean mayBePerformedBy(Role role) {
        return performers.contains(role);
    }

    /** The acts {@code role} may perform on a request in {@code status}, in the table's order. */
    public static List<Action> allowedFor(RequestStatus status, Role role) {
        return Arrays.stream(values()).filter(a -> a.isAllowedFrom(status) && a.mayBePerformedBy(role)).toList();
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

    /** Holds the role sets; an enum's constants cannot refer to its own static fields. */
    private static final class Performers {
        static final Set<Role> STAFF = EnumSet.of(Role.OPERATOR, Role.BRANCH_HEAD);
        static final Set<Role> HEAD = EnumSet.of(Role.BRANCH_HEAD);
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
