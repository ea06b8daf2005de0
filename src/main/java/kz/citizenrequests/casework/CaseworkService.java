package kz.citizenrequests.casework;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.calendar.Deadlines;
import kz.citizenrequests.shared.BranchRef;
import kz.citizenrequests.casework.CaseworkViews.CitizenRequestView;
import kz.citizenrequests.casework.CaseworkViews.CitizenView;
import kz.citizenrequests.casework.CaseworkViews.HistoryView;
import kz.citizenrequests.casework.CaseworkViews.LocationView;
import kz.citizenrequests.casework.CaseworkViews.PublicHistoryView;
import kz.citizenrequests.casework.CaseworkViews.QueueItemView;
import kz.citizenrequests.casework.CaseworkViews.QueuePage;
import kz.citizenrequests.casework.CaseworkViews.QueueTallies;
import kz.citizenrequests.casework.CaseworkViews.RequestView;
import kz.citizenrequests.reference.Branch;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.RequestType;
import kz.citizenrequests.shared.Role;
import kz.citizenrequests.shared.StaleVersionException;
import kz.citizenrequests.shared.TimeConfig;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Staff work on requests, and what staff and citizens read of them. Every act passes through {@link #act}. */
@ApplicationScoped
@Transactional
public class CaseworkService {

    private final RequestRepository requests;
    private final HistoryRepository history;
    private final ReferenceData reference;
    private final Deadlines deadlines;
    private final AccessLog accessLog;
    private final StaffNotices notices;
    private final FeedbackSettings feedback;
    private final Clock clock;

    public CaseworkService(RequestRepository requests, HistoryRepository history, ReferenceData reference,
                           Deadlines deadlines, AccessLog accessLog, StaffNotices notices, FeedbackSettings feedback,
                           Clock clock) {
        this.requests = requests;
        this.notices = notices;
        this.feedback = feedback;
        this.accessLog = accessLog;
        this.history = history;
        this.reference = reference;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Performs one act on a request that the caller read at {@code expectedVersion}, and answers
     * the request as it is now: staff get the full view (a disclosure of personal data, logged),
     * a citizen the citizen's view. {@link #act} does the act alone.
     */
    public Reading actAndRead(String trackingNumber, int expectedVersion, TransitionCommand command, Performer performer) {
        Request request = perform(trackingNumber, expectedVersion, command, performer);
        return performer.isStaff()
                ? new Reading(disclose(request, performer), request.version())
                : new Reading(citizenView(request), request.version());
    }

    /**
     * Performs one act on a request that the caller read at {@code expectedVersion}; answers the
     * request's new version. Nothing of the request is read back, so nothing is disclosed: for a
     * caller that shows the request afresh, or not at all (the workbench's forms and bulk acts,
     * an API client that asks for a minimal answer).
     */
    public int act(String trackingNumber, int expectedVersion, TransitionCommand command, Performer performer) {
        return perform(trackingNumber, expectedVersion, command, performer).version();
    }

    /**
     * The one place every act of staff and citizens passes through. The change and its history
     * row commit together or not at all; of concurrent acts on the same version exactly one
     * succeeds, the others get 412. The request is read and written back with plain JDBC (one
     * SELECT, one versioned UPDATE): through Hibernate, the look-up and the flush were the largest
     * part of an act's CPU (docs/PERFORMANCE.md, item 22).
     */
    private Request perform(String trackingNumber, int expectedVersion, TransitionCommand command, Performer performer) {
        requireFields(command);
        Request request = read(trackingNumber, performer);
        if (!command.action().mayBePerformedBy(performer.role())) {
            throw new ActNotAllowedException(command.action(), performer.role());
        }
        if (request.version() != expectedVersion) {
            throw new StaleVersionException();
        }
        String actor = performer.actor();
        Instant now = clock.instant();
        HistoryEntry entry = switch (command.action()) {
            case REGISTER -> request.register(actor, now, command.note());
            case START_WORK -> request.startWork(actor, now, command.note());
            case ASSIGN -> request.assignTo(command.assignee().trim(), actor, now, command.note());
            case FORWARD -> forward(request, command, actor, now);
            case EXTEND_DEADLINE -> request.extendDeadline(command.newDueDate(),
                    deadlines.extensionLimit(request.receivedOn()), actor, now, command.note());
            case RESOLVE -> request.resolve(command.outcome(), command.answer(), actor, now);
            case REOPEN -> request.reopen(actor, now, command.note());
            case CLOSE -> request.close(actor, now, command.note());
            case WITHDRAW -> request.withdraw(actor, now, command.note());
            case COMMENT -> request.comment(actor, now, command.note());
            case FEEDBACK -> answer(request, command, actor, now);
            case FOLLOW_UP -> followUp(request, command, actor, now);
            case COMPLAINT, ESCALATE, RESCHEDULE -> throw new ActNotAllowedException(command.action(), performer.role());
        };
        history.record(request, entry);
        // the versioned write: a concurrent act on the same version fails inside this call (412)
        requests.saveAct(request, expectedVersion);
        return request;
    }

    /**
     * The citizen's answer to the decision. "Not satisfied" with a comment is a complaint
     * (APPC Art. 91): the request goes to the branch above with a new term counted from today.
     */
    private HistoryEntry answer(Request request, TransitionCommand command, String actor, Instant now) {
        Instant until = answerUntilOrNever(request);
        String comment = command.note() == null || command.note().isBlank() ? null : command.note().trim();
        if (!command.satisfied() && comment != null) {
            LocalDate today = today();
            LocalDate dueOn = deadlines.dueDate(RequestType.COMPLAINT.wire(), today);
            return request.complain(comment, command.rating(), branchAbove(request), today, dueOn, until, actor, now);
        }
        return request.answer(command.satisfied(), command.rating(), comment, until, actor, now);
    }

    /** A district branch's regional branch; a regional branch answers to itself, in its head's queue. */
    private String branchAbove(Request request) {
        return reference.branch(request.branchCode())
                .filter(branch -> "district".equals(branch.kind()))
                .flatMap(branch -> reference.regionalBranch(branch.regionCode()))
                .map(Branch::code)
                .orElse(request.branchCode());
    }

    /** A follow-up comment by the citizen, at most {@code follow-ups-per-day} per request and Kazakhstan day. */
    private HistoryEntry followUp(Request request, TransitionCommand command, String actor, Instant now) {
        requireFollowUpAllowance(request, now);
        return request.followUp(command.note().trim(), actor, now);
    }

    private void requireFollowUpAllowance(Request request, Instant now) {
        Instant dayStarts = today().atStartOfDay(TimeConfig.KAZAKHSTAN).toInstant();
        long today = history.count("request.id = ?1 and action = ?2 and at >= ?3", request.id(), Action.FOLLOW_UP.wire(), dayStarts);
        if (today >= feedback.followUpsPerDay()) {
            long wait = java.time.Duration.between(now, dayStarts.plus(java.time.Duration.ofDays(1))).toSeconds() + 1;
            throw new ProblemException(429, "too-many-follow-ups", "Too many follow-up comments",
                    "At most " + feedback.followUpsPerDay() + " follow-up comments a day on one request. Try again after "
                            + wait + " seconds.", List.of(), Map.of("Retry-After", Long.toString(wait)));
        }
    }

    /**
     * A follow-up comment an Open311 integrator relays for the citizen of a request it filed
     * (the same act as the citizen's own, with its daily limit); answers the history row's id.
     * The integrator's own id for the comment makes a retry harmless: the same id on the same
     * request answers the row stored the first time.
     */
    public long relayFollowUp(String trackingNumber, String note, String integratorUpdateId, Performer integrator) {
        TransitionCommand command = new TransitionCommand(Action.FOLLOW_UP, note, null, null, null, null, null);
        requireFields(command);
        Request request = read(trackingNumber, integrator);
        if (integratorUpdateId != null) {
            java.util.Optional<Long> earlier = history.followUpRelayed(request, integratorUpdateId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant now = clock.instant();
        requireFollowUpAllowance(request, now);
        HistoryEntry entry = request.followUp(note.trim(), integrator.actor(), now,
                integratorUpdateId == null ? Map.of() : Map.of(HistoryRepository.RELAYED_ID, integratorUpdateId));
        history.record(request, entry);
        requests.saveAct(request, request.version());
        return entry.id();
    }

    /** Until when the citizen may answer the decision in force; null unless the request is resolved. */
    Instant answerUntil(Request request) {
        return request.status() == RequestStatus.RESOLVED && request.resolvedAt() != null
                ? request.resolvedAt().plus(java.time.Duration.ofDays(feedback.windowDays())) : null;
    }

    private Instant answerUntilOrNever(Request request) {
        Instant until = answerUntil(request);
        return until == null ? Instant.MIN : until;
    }

    /** A view of one request with the version an {@code If-Match} must carry. */
    public record Reading(Object view, int version) {
    }

    /**
     * Who acts, and which requests they may open: staff those of their branch, a citizen
     * with a token their own, anyone with the access code that one request.
     */
    public record Performer(Role role, String actor, String branch, String citizenAccount, String accessCode,
                            Long integratorKey) {

        public Performer(Role role, String actor, String branch, String citizenAccount, String accessCode) {
            this(role, actor, branch, citizenAccount, accessCode, null);
        }

        /** An Open311 integrator relaying for the citizens of the requests it filed with this api key. */
        public static Performer integrator(long apiKeyId, String actor) {
            return new Performer(Role.CITIZEN, actor, null, null, null, apiKeyId);
        }

        public static Performer staff(Caller caller) {
            Role role = caller.is(Role.BRANCH_HEAD) ? Role.BRANCH_HEAD : Role.OPERATOR;
            return new Performer(role, caller.actorName(), caller.staffBranch(), null, null);
        }

        public static Performer citizen(Caller caller) {
            return new Performer(Role.CITIZEN, caller.actorName(), null, caller.account(), null);
        }

        public static Performer holderOf(String accessCode) {
            return new Performer(Role.CITIZEN, "citizen", null, null, accessCode);
        }

        boolean mayOpen(Request request) {
            if (integratorKey != null) {
                return integratorKey.equals(request.integratorKeyId());
            }
            if (accessCode != null) {
                return AccessCodes.matches(accessCode, request.accessCodeHash());
            }
            if (citizenAccount != null) {
                return citizenAccount.equals(request.citizenAccount());
            }
            return branch != null && branch.equals(request.branchCode());
        }

        boolean isStaff() {
            return role == Role.OPERATOR || role == Role.BRANCH_HEAD;
        }
    }

    private HistoryEntry forward(Request request, TransitionCommand command, String actor, Instant now) {
        if (!request.status().isOpen()) {
            throw new IllegalTransitionException(Action.FORWARD, request.status());
        }
        String target = command.targetBranch().trim();
        if (reference.branch(target).isEmpty()) {
            throw new DomainRefusalException("unknown-branch", "Unknown branch", "targetBranch",
                    "There is no active branch with code " + target + ".");
        }
        boolean late = deadlines.isLateForward(request.receivedOn(), today());
        HistoryEntry entry = request.forwardTo(target, late, actor, now, command.note());
        if (late) {
            // the receiving branch's head learns that the forwarding term was missed
            notices.add(request, StaffNotices.LATE_FORWARD, target, null, now);
        }
        return entry;
    }

    /** Fields an action cannot do without: a 400 naming them, before anything is read. */
    private static void requireFields(TransitionCommand command) {
        switch (command.action()) {
            case ASSIGN -> require(command.assignee(), "assignee", "required to assign");
            case FORWARD -> require(command.targetBranch(), "targetBranch", "required to forward");
            case EXTEND_DEADLINE -> {
                if (command.newDueDate() == null) {
                    throw new InvalidInputException("newDueDate", "required to extend the deadline");
                }
                require(command.note(), "note", "the reason for the extension is required");
            }
            case RESOLVE -> {
                if (command.outcome() == null) {
                    throw new InvalidInputException("outcome", "required to resolve");
                }
                require(command.answer(), "answer", "the answer to the citizen is required to resolve");
            }
            case COMMENT -> require(command.note(), "note", "required for a comment");
            case FOLLOW_UP -> require(command.note(), "note", "required for a follow-up comment");
            case FEEDBACK -> {
                if (command.satisfied() == null) {
                    throw new InvalidInputException("satisfied", "required: are you satisfied with the answer (true or false)");
                }
            }
            default -> {
            }
        }
    }

    private static void require(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, message);
        }
    }

    /**
     * The request, if the performer may open it (404 otherwise, whether it exists or not). Read
     * with plain JDBC: the request is not managed by Hibernate, so a reading leaves nothing to
     * flush, and an act writes its change back itself (saveAct).
     */
    private Request read(String trackingNumber, Performer performer) {
        return requests.read(trackingNumber)
                .filter(performer::mayOpen)
                .orElseThrow(RequestNotFoundException::new);
    }

    /** The full view, personal data included, for staff of the request's branch; each opening is logged. */
    public RequestView staffView(String trackingNumber, Performer staff) {
        return disclose(read(trackingNumber, staff), staff);
    }

    /**
     * What an answer to the citizen may say about a request, for staff of its branch (404 for
     * anyone else, as {@link #staffView}): its number, category, language, dates and branch.
     * No personal data, so the reading is not a disclosure and is not written to the access log.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AnswerFacts answerFacts(String trackingNumber, Performer staff) {
        if (!staff.isStaff()) {
            throw new IllegalStateException("Only staff of the branch answer a request");
        }
        if (!TrackingNumber.isWellFormed(trackingNumber)) {
            throw new RequestNotFoundException();
        }
        Request r = read(trackingNumber, staff);
        return new AnswerFacts(r.trackingNumber(), r.categoryCode(), r.language(), r.receivedOn(), r.dueDate(),
                r.branchCode(), today());
    }

    /** The facts of {@link #answerFacts}; {@code today} is the day in Kazakhstan by the service's clock. */
    public record AnswerFacts(String trackingNumber, String categoryCode, Language language, LocalDate receivedOn,
                              LocalDate dueOn, String branchCode, LocalDate today) {
    }

    /** What the citizen sees: status, branch, dates, the answer and the public acts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Reading citizenView(String trackingNumber, Performer citizen) {
        Request request = read(trackingNumber, citizen);
        return new Reading(citizenView(request), request.version());
    }

    private CitizenRequestView citizenView(Request request) {
        List<PublicHistoryView> publicHistory = history.publicOf(request).stream().map(PublicHistoryView::of).toList();
        return new CitizenRequestView(request.trackingNumber(), request.type(), request.categoryCode(),
                request.subject(), request.status(), branchOf(request), request.receivedAt(), request.dueDate(),
                request.statutoryDueDate(), request.outcome(), request.answer(), request.resolvedAt(), request.closedAt(),
                answerUntil(request), request.isComplaint(), publicHistory);
    }

    /** Every act for staff of the branch; the public acts for the citizen. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<?> history(String trackingNumber, Performer performer) {
        Request request = read(trackingNumber, performer);
        return performer.isStaff()
                ? history.of(request).stream().map(HistoryView::of).toList()
                : history.publicOf(request).stream().map(PublicHistoryView::of).toList();
    }

    /** The requests a citizen submitted with their account, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CitizenRequestView> ownRequests(Performer citizen, int page, int size) {
        return requests.ownedBy(citizen.citizenAccount(), page, size).stream()
                .map(r -> new CitizenRequestView(r.trackingNumber(), r.type(), r.categoryCode(), r.subject(),
                        r.status(), branchOf(r), r.receivedAt(), r.dueDate(), r.statutoryDueDate(), r.outcome(), r.answer(),
                        r.resolvedAt(), r.closedAt(), answerUntil(r), r.isComplaint(), List.of()))
                .toList();
    }

    /** Parses a queue's parameters against today's date and warning term. */
    public QueueQuery queueQuery(String status, String branch, String region, String category, String type,
                                 String overdue, String escalated, String dueSoon, String receivedFrom,
                                 String receivedTo, String text, String sort, String page, String size) {
        LocalDate today = today();
        return QueueQuery.parse(status, branch, region, category, type, overdue, escalated, dueSoon, receivedFrom,
                receivedTo, text, sort, page, size, today, deadlines.dueSoonUntil(today));
    }

    /**
     * How many requests of a branch wait in each status that still needs staff (submitted,
     * registered, in progress, and resolved while the citizen may answer), with how many of the
     * open ones are overdue and due soon: the queue's tallies. One index-only scan (V34).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public QueueTallies tallies(String branch) {
        LocalDate today = today();
        return requests.tallies(branch, today, deadlines.dueSoonUntil(today));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public QueuePage queue(QueueQuery query) {
        // the branch scope was applied by the caller (QueueQuery.scopedTo)
        List<QueueItemView> rows = requests.queue(query, deadlines.dueSoonUntil(query.today()));
        boolean hasNext = rows.size() > query.size();
        return new QueuePage(rows.subList(0, Math.min(rows.size(), query.size())), query.page(), query.size(), hasNext);
    }

    /** The region a branch supervises: its own, when it is a regional branch. */
    public java.util.Optional<String> supervisedRegion(String branch) {
        return reference.branch(branch).filter(b -> "regional".equals(b.kind())).map(b -> b.regionCode());
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(TimeConfig.KAZAKHSTAN));
    }

    /**
     * The only way to the full view with the citizen's personal data: whatever endpoint
     * answers it, the disclosure is written to the access log in the same transaction.
     */
    private RequestView disclose(Request r, Performer staff) {
        if (!staff.isStaff()) {
            throw new IllegalStateException("Only staff of the branch see personal data");
        }
        accessLog.record(clock.instant(), staff.actor(), staff.role().claim(), staff.branch(), r);
        LocationView location = r.location() == null ? null : new LocationView(r.location().latitude(), r.location().longitude());
        Citizen citizen = r.citizen();
        return new RequestView(r.trackingNumber(), r.type(), r.categoryCode(), r.regionCode(), r.districtCode(),
                r.subject(), r.description(), r.address(), location, r.language(), r.channel(),
                r.publicationConsent(),
                new CitizenView(citizen.fullName(), citizen.iin(), citizen.phone(), citizen.email(), r.integrator()),
                branchOf(r), r.assignee(), r.status(), r.outcome(), r.answer(), r.mediaUrls(), r.receivedAt(), r.dueDate(),
                r.statutoryDueDate(), r.isOverdue(today()), r.forwardCount(), r.lateForward(), r.resolvedAt(),
                r.closedAt(), r.withdrawnAt(), r.isEscalated(), r.isComplaint(), r.feedbackSatisfied(),
                r.feedbackRating(), r.updatedAt(), r.version(), Action.allowedFor(r.status(), staff.role()),
                r.status().isOpen() ? deadlines.extensionLimit(r.receivedOn()) : null);
    }

    private BranchRef branchOf(Request request) {
        return BranchRef.of(request.branchCode(),
                reference.branch(request.branchCode()).map(Branch::names).orElse(null), request.language());
    }
}
