package kz.citizenrequests.open311;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.casework.Action;
import kz.citizenrequests.casework.CaseworkService;
import kz.citizenrequests.casework.IllegalTransitionException;
import kz.citizenrequests.casework.Outcome;
import kz.citizenrequests.casework.PublishedRequests;
import kz.citizenrequests.casework.PublishedRequests.PublishedAct;
import kz.citizenrequests.casework.RequestNotFoundException;
import kz.citizenrequests.casework.RequestStatus;
import kz.citizenrequests.open311.Open311Views.PostedUpdateView;
import kz.citizenrequests.open311.Open311Views.RequestUpdateView;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FixMyStreet's servicerequestupdates extension: the public acts on the requests an integrator
 * filed, in FixMyStreet's state words (its {@code Open311::GetServiceRequestUpdates}), and the
 * comments it relays for their citizens ({@code post_service_request_update}), which become the
 * citizen's follow-up comments. One api key sees and comments on the requests filed with it only.
 *
 * <p>How each act reads in FixMyStreet (status, then external_status_code):
 * <pre>
 *   register         investigating      registered
 *   start_work       in_progress        in_progress
 *   forward          internal_referral  forwarded
 *   extend_deadline  in_progress        deadline_extended
 *   reopen           in_progress        reopened
 *   complaint        in_progress        complaint
 *   resolve, close   by the outcome:    satisfied -> fixed; partially_satisfied -> closed;
 *                                       explained -> closed; rejected -> unable_to_fix
 *                                       (external_status_code: the outcome itself)
 *   withdraw         closed             withdrawn
 * </pre>
 * A rejected request is never "fixed". FixMyStreet reads "closed" as "fixed - council" unless the
 * body sends extended statuses, so the outcome also travels as external_status_code. Receipt,
 * the citizen's follow-ups and answers to the decision are the citizen's own acts and are not
 * sent back.
 */
@ApplicationScoped
public class Open311Updates {

    /** The most updates one answer holds: ask again from the last updated_datetime for more. */
    static final int MAX_UPDATES = 1000;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    static final int DESCRIPTION_LIMIT = 4000;
    /** The acts sent back: the body's own (the citizen's follow-ups and answers, and the receipt, are not). */
    static final Set<Action> SENT = EnumSet.of(Action.REGISTER, Action.START_WORK, Action.FORWARD,
            Action.EXTEND_DEADLINE, Action.REOPEN, Action.COMPLAINT, Action.RESOLVE, Action.CLOSE, Action.WITHDRAW);

    private final PublishedRequests published;
    private final CaseworkService casework;
    private final Clock clock;

    public Open311Updates(PublishedRequests published, CaseworkService casework, Clock clock) {
        this.published = published;
        this.casework = casework;
        this.clock = clock;
    }

    /** The updates in [start_date, end_date) (default: the last day) on this integrator's requests, oldest first. */
    List<RequestUpdateView> since(ApiKeyService.Integrator integrator, String startDate, String endDate) {
        Instant end = Optional.ofNullable(Open311Query.instant("end_date", endDate)).orElse(clock.instant());
        Instant start = Optional.ofNullable(Open311Query.instant("start_date", startDate)).orElse(end.minus(DEFAULT_WINDOW));
        if (start.isAfter(end)) {
            throw Open311Exception.badRequest("start_date", "must not be after end_date");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw Open311Exception.badRequest("start_date", "start_date and end_date are at most 90 days apart");
        }
        List<RequestUpdateView> updates = new ArrayList<>();
        for (PublishedAct act : published.actsOnRequestsFiledBy(integrator.keyId(), SENT, start, end, MAX_UPDATES)) {
            State state = state(act);
            if (state != null) {
                updates.add(new RequestUpdateView(Long.toString(act.id()), act.trackingNumber(), state.status(),
                        state.externalCode(), Open311Requests.dateTime(act.at()), act.note() == null ? "" : act.note(), ""));
            }
        }
        return updates;
    }

    /** FixMyStreet's state word and our own code for an act; null for the acts not sent back. */
    static State state(PublishedAct act) {
        Action action = java.util.Arrays.stream(Action.values()).filter(a -> a.wire().equals(act.action()))
                .findFirst().orElse(null);
        if (action == null) {
            return null; // the receipt: the integrator filed it
        }
        return switch (action) {
            case REGISTER -> new State("investigating", "registered");
            case START_WORK -> new State("in_progress", "in_progress");
            case FORWARD -> new State("internal_referral", "forwarded");
            case EXTEND_DEADLINE -> new State("in_progress", "deadline_extended");
            case REOPEN -> new State("in_progress", "reopened");
            case COMPLAINT -> new State("in_progress", "complaint");
            case RESOLVE, CLOSE -> act.outcome() == null ? new State("closed", "closed")
                    : new State(decided(act.outcome()), act.outcome().wire());
            case WITHDRAW -> new State("closed", "withdrawn");
            case FOLLOW_UP, FEEDBACK, ASSIGN, COMMENT, ESCALATE, RESCHEDULE -> null;
        };
    }

    /** The FixMyStreet state of a decision: only a satisfied request is fixed. */
    static String decided(Outcome outcome) {
        return switch (outcome) {
            case SATISFIED -> "fixed";
            case PARTIALLY_SATISFIED, EXPLAINED -> "closed";
            case REJECTED -> "unable_to_fix";
        };
    }

    /** The open311 status_notes word for a request's state: its outcome once decided, or "withdrawn". */
    static String outcomeNote(RequestStatus status, Outcome outcome) {
        if (status == RequestStatus.WITHDRAWN) {
            return "withdrawn";
        }
        return outcome == null ? null : outcome.wire();
    }

    record State(String status, String externalCode) {
    }

    /**
     * A comment the integrator relays for the citizen of one of its requests: stored as the
     * citizen's follow-up comment (while the request is open). Answers the update's id; the same
     * update_id sent again answers the same id and stores nothing.
     */
    PostedUpdateView post(ApiKeyService.Integrator integrator, Open311Update form) {
        List<String> errors = new ArrayList<>();
        String id = ParameterReader.trimToNull(form.serviceRequestId);
        if (id == null) {
            errors.add("service_request_id: required");
        }
        String description = ParameterReader.trimToNull(Text.lineEnds(form.description));
        if (description == null) {
            errors.add("description: required");
        } else if (Text.characters(description) > DESCRIPTION_LIMIT) {
            errors.add("description: at most " + DESCRIPTION_LIMIT + " characters (this one has "
                    + Text.characters(description) + ")");
        }
        String updateId = ParameterReader.trimToNull(form.updateId);
        if (updateId != null && updateId.length() > 100) {
            errors.add("update_id: at most 100 characters");
        }
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }
        String actor = ("citizen via " + integrator.client());
        actor = actor.length() > 100 ? actor.substring(0, 100) : actor;
        try {
            long stored = casework.relayFollowUp(id, description, updateId,
                    CaseworkService.Performer.integrator(integrator.keyId(), actor));
            return new PostedUpdateView(Long.toString(stored));
        } catch (RequestNotFoundException e) {
            throw Open311Exception.notFound("service_request_id " + id + " is not a request filed with this api_key");
        } catch (IllegalTransitionException e) {
            throw Open311Exception.badRequest("service_request_id", "the request is decided or withdrawn; comments are "
                    + "taken while it is open (a complaint about the decision goes through the citizen's own page)");
        } catch (InvalidInputException e) {
            throw Open311Exception.badRequest("description", "required");
        }
    }
}
