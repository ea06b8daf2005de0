package kz.citizenrequests.casework;

import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.RequestType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static kz.citizenrequests.casework.Action.*;
import static kz.citizenrequests.casework.RequestStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every act in every status, against the lifecycle as the law and the product define it (written out here on purpose). */
class LifecycleTest {

    private static final Map<RequestStatus, Set<Action>> ALLOWED = new EnumMap<>(Map.of(
            SUBMITTED, EnumSet.of(REGISTER, ASSIGN, FORWARD, EXTEND_DEADLINE, WITHDRAW, COMMENT, FOLLOW_UP, ESCALATE, RESCHEDULE),
            REGISTERED, EnumSet.of(START_WORK, ASSIGN, FORWARD, EXTEND_DEADLINE, WITHDRAW, COMMENT, FOLLOW_UP, ESCALATE, RESCHEDULE),
            IN_PROGRESS, EnumSet.of(RESOLVE, ASSIGN, FORWARD, EXTEND_DEADLINE, WITHDRAW, COMMENT, FOLLOW_UP, ESCALATE, RESCHEDULE),
            RESOLVED, EnumSet.of(REOPEN, CLOSE, COMMENT, FEEDBACK, COMPLAINT),
            CLOSED, EnumSet.of(COMMENT),
            WITHDRAWN, EnumSet.of(COMMENT)));

    private static final Map<Action, RequestStatus> TARGET = new EnumMap<>(Map.of(
            REGISTER, REGISTERED,
            START_WORK, IN_PROGRESS,
            RESOLVE, RESOLVED,
            REOPEN, IN_PROGRESS,
            COMPLAINT, IN_PROGRESS,
            CLOSE, CLOSED,
            WITHDRAW, WITHDRAWN));

    private static final Instant RECEIVED = Instant.parse("2026-03-02T05:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-03-24");
    private static final Instant LATER = RECEIVED.plusSeconds(3600);

    static Stream<Arguments> allowed() {
        return pairs(true);
    }

    static Stream<Arguments> forbidden() {
        return pairs(false);
    }

    private static Stream<Arguments> pairs(boolean allowed) {
        List<Arguments> pairs = new ArrayList<>();
        for (RequestStatus status : RequestStatus.values()) {
            for (Action action : Action.values()) {
                if (ALLOWED.get(status).contains(action) == allowed) {
                    pairs.add(Arguments.of(status, action));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} is allowed in {0}")
    @MethodSource("allowed")
    void allowsTheAct(RequestStatus status, Action action) {
        Request request = requestIn(status);
        String branchBefore = request.branchCode();

        HistoryEntry entry = perform(request, action);

        RequestStatus expected = TARGET.getOrDefault(action, status);
        assertEquals(expected, request.status());
        assertEquals(status.name(), entry.fromStatus());
        assertEquals(expected.name(), entry.toStatus());
        assertEquals(action.wire(), entry.action());
        assertEquals(branchBefore, entry.fromBranch());
        assertEquals(request.branchCode(), entry.toBranch());
        assertEquals(action != ASSIGN && action != COMMENT && action != ESCALATE && action != RESCHEDULE, entry.isPublic());
    }

    @ParameterizedTest(name = "{1} is refused in {0}")
    @MethodSource("forbidden")
    void refusesTheAct(RequestStatus status, Action action) {
        Request request = requestIn(status);
        LocalDate dueBefore = request.dueDate();
        String branchBefore = request.branchCode();

        assertThrows(IllegalTransitionException.class, () -> perform(request, action));

        assertEquals(status, request.status());
        assertEquals(dueBefore, request.dueDate());
        assertEquals(branchBefore, request.branchCode());
    }

    @org.junit.jupiter.api.Test
    void resolveRecordsOutcomeAndAnswerAndReopenClearsThem() {
        Request request = requestIn(IN_PROGRESS);
        HistoryEntry resolved = request.resolve(Outcome.EXPLAINED, "The answer", "staff", LATER);
        assertEquals("The answer", resolved.note());
        assertEquals(Outcome.EXPLAINED, request.outcome());
        assertEquals(LATER, request.resolvedAt());

        HistoryEntry reopened = request.reopen("staff", LATER, "Not answered");
        assertEquals(null, request.outcome());
        assertEquals(null, request.resolvedAt());
        assertEquals("explained", reopened.details().get("previousOutcome"));
        assertEquals(1, request.reopenCount());
        request.resolve(Outcome.SATISFIED, "Fixed", "staff", LATER);
        request.reopen("staff", LATER, "Broken again");
        assertEquals(2, request.reopenCount(), "each reopen counts, in the aggregate");
    }

    @org.junit.jupiter.api.Test
    void forwardMovesToTheTargetBranchAndRecordsBoth() {
        Request request = requestIn(REGISTERED);
        request.assignTo("a.nurlan", "staff", LATER, null);
        HistoryEntry entry = request.forwardTo("ALA-RB", true, "staff", LATER, "Not ours");
        assertEquals("AST-RB", entry.fromBranch());
        assertEquals("ALA-RB", entry.toBranch());
        assertEquals("ALA-RB", request.branchCode());
        assertEquals(null, request.assignee());
        assertEquals(1, request.forwardCount());
        assertEquals(true, request.lateForward());
        assertEquals(true, entry.details().get("late"));
    }

    @org.junit.jupiter.api.Test
    void refusesForwardToTheSameBranch() {
        Request request = requestIn(REGISTERED);
        assertThrows(DomainRefusalException.class, () -> request.forwardTo("AST-RB", false, "staff", LATER, null));
        assertEquals(0, request.forwardCount());
    }

    @org.junit.jupiter.api.Test
    void refusesExtensionBeyondTheLimitOrNotLater() {
        Request request = requestIn(REGISTERED);
        LocalDate limit = LocalDate.parse("2026-05-02");
        assertThrows(DomainRefusalException.class,
                () -> request.extendDeadline(limit.plusDays(1), limit, "staff", LATER, "reason"));
        assertThrows(DomainRefusalException.class,
                () -> request.extendDeadline(DUE, limit, "staff", LATER, "reason"));
        assertEquals(DUE, request.dueDate());
        request.extendDeadline(limit, limit, "staff", LATER, "reason");
        assertEquals(limit, request.dueDate());
        assertEquals(DUE, request.statutoryDueDate());
    }

    private static HistoryEntry perform(Request request, Action action) {
        return switch (action) {
            case REGISTER -> request.register("staff", LATER, null);
            case START_WORK -> request.startWork("staff", LATER, null);
            case ASSIGN -> request.assignTo("a.nurlan", "staff", LATER, null);
            case FORWARD -> request.forwardTo("ALA-RB", false, "staff", LATER, "Not ours");
            case EXTEND_DEADLINE -> request.extendDeadline(request.dueDate().plusDays(7),
                    LocalDate.parse("2026-05-02"), "staff", LATER, "Expert opinion needed");
            case RESOLVE -> request.resolve(Outcome.SATISFIED, "Done", "staff", LATER);
            case REOPEN -> request.reopen("staff", LATER, null);
            case CLOSE -> request.close("staff", LATER, null);
            case WITHDRAW -> request.withdraw("citizen", LATER, null);
            case COMMENT -> request.comment("staff", LATER, "Called the citizen");
            case ESCALATE -> request.escalate("system", LATER);
            case RESCHEDULE -> request.reschedule(request.statutoryDueDate().plusDays(1), "system", LATER, "Holiday");
            case FEEDBACK -> request.answer(true, 5, "Thank you", LATER.plusSeconds(60), "citizen", LATER);
            case COMPLAINT -> request.complain("Not solved", 1, "AST-RB", DUE, DUE.plusDays(30), LATER.plusSeconds(60),
                    "citizen", LATER);
            case FOLLOW_UP -> request.followUp("Any news?", "citizen", LATER);
        };
    }

    /** A request brought to {@code status} through the lifecycle itself. */
    static Request requestIn(RequestStatus status) {
        Request request = Request.receive(new NewRequest(RequestType.APPLICATION, "housing_utilities", "KZ-71", null,
                        "Subject", "Description", null, new Location(new BigDecimal("51.1"), new BigDecimal("71.4")), Language.RU,
                        Channel.WEB, false, new Citizen("Aigerim Sarsenova", null, "+77011234567", null), null),
                "AST-2026-000001", "0".repeat(64), "AST-RB", RECEIVED, DUE);
        switch (status) {
            case SUBMITTED -> {
            }
            case REGISTERED -> request.register("staff", LATER, null);
            case IN_PROGRESS -> {
                request.register("staff", LATER, null);
                request.startWork("staff", LATER, null);
            }
            case RESOLVED -> {
                request.register("staff", LATER, null);
                request.startWork("staff", LATER, null);
                request.resolve(Outcome.SATISFIED, "Done", "staff", LATER);
            }
            case CLOSED -> {
                request.register("staff", LATER, null);
                request.startWork("staff", LATER, null);
                request.resolve(Outcome.SATISFIED, "Done", "staff", LATER);
                request.close("staff", LATER, null);
            }
            case WITHDRAWN -> request.withdraw("citizen", LATER, null);
        }
        assertEquals(status, request.status());
        return request;
    }
}
