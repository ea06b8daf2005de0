package kz.citizenrequests.workbench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import kz.citizenrequests.answers.AnswerDrafts;
import kz.citizenrequests.casework.Action;
import kz.citizenrequests.casework.CaseworkService;
import kz.citizenrequests.casework.CaseworkService.Performer;
import kz.citizenrequests.casework.CaseworkViews.HistoryView;
import kz.citizenrequests.casework.CaseworkViews.QueueItemView;
import kz.citizenrequests.casework.CaseworkViews.QueueTallies;
import kz.citizenrequests.casework.CaseworkViews.RequestView;
import kz.citizenrequests.casework.Outcome;
import kz.citizenrequests.casework.QueueQuery;
import kz.citizenrequests.casework.RequestNotFoundException;
import kz.citizenrequests.casework.RequestStatus;
import kz.citizenrequests.casework.TransitionCommand;
import kz.citizenrequests.reference.Branch;
import kz.citizenrequests.reference.Category;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.Caller;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Problem;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.RequestType;
import kz.citizenrequests.shared.StaleVersionException;
import kz.citizenrequests.shared.pages.Texts;
import kz.citizenrequests.workbench.WorkbenchViews.ActForm;
import kz.citizenrequests.workbench.WorkbenchViews.BulkResult;
import kz.citizenrequests.workbench.WorkbenchViews.CasePage;
import kz.citizenrequests.workbench.WorkbenchViews.Draft;
import kz.citizenrequests.workbench.WorkbenchViews.Fact;
import kz.citizenrequests.workbench.WorkbenchViews.HistoryRow;
import kz.citizenrequests.workbench.WorkbenchViews.Option;
import kz.citizenrequests.workbench.WorkbenchViews.QueueRow;
import kz.citizenrequests.workbench.WorkbenchViews.Tally;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The workbench's desk: turns its forms into casework's commands and casework's views into
 * pages. Every act goes through {@link CaseworkService#act}, the one guarded place, with the
 * version the page was shown at; which acts a page offers is what the staff view says
 * ({@code allowedActions}, from the {@code Action} table), never a copy of the table.
 */
@ApplicationScoped
public class StaffDesk {

    /** The acts a bulk form may perform; each is its own transaction with its own version. */
    static final Set<Action> BULK = Set.of(Action.REGISTER, Action.ASSIGN);
    static final int MAX_BULK = 100;

    private final CaseworkService casework;
    private final ReferenceData reference;
    private final Validator validator;
    private final AnswerDrafts drafts;

    public StaffDesk(CaseworkService casework, ReferenceData reference, Validator validator, AnswerDrafts drafts) {
        this.casework = casework;
        this.reference = reference;
        this.validator = validator;
        this.drafts = drafts;
    }

    // ---- the queue ----

    WorkbenchViews.QueuePage queue(Texts t, Caller caller, Map<String, String> filters) {
        String branch = caller.staffBranch();
        QueueQuery query = casework.queueQuery(filters.get("status"), null, null, filters.get("category"),
                filters.get("type"), "on".equals(filters.get("overdue")) ? "true" : null, null,
                "on".equals(filters.get("dueSoon")) ? "true" : null, null, null, filters.get("q"),
                filters.get("sort"), filters.get("page"), "25").scopedTo(branch, java.util.Optional.empty());
        var page = casework.queue(query);
        List<QueueRow> rows = page.items().stream().map(item -> row(t, item)).toList();
        QueueTallies tallies = casework.tallies(branch);
        List<Tally> shown = new ArrayList<>();
        tallies.byStatus().forEach((status, count) -> shown.add(new Tally(t.get("status_" + status.name()),
                t.number(count), "/workbench?status=" + status.name(), "tally-" + status.name().toLowerCase())));
        shown.add(new Tally(t.get("queue_tally_overdue"), t.number(tallies.overdue()), "/workbench?overdue=on&sort=due_asc",
                "tally-overdue"));
        shown.add(new Tally(t.get("queue_tally_due_soon"), t.number(tallies.dueSoon()), "/workbench?dueSoon=on&sort=due_asc",
                "tally-due-soon"));
        String base = queueLink(filters);
        String previous = query.page() > 0 ? base + "page=" + (query.page() - 1) : null;
        String next = page.hasNext() ? base + "page=" + (query.page() + 1) : null;
        return new WorkbenchViews.QueuePage(branchName(t, branch), shown,
                options(List.of(RequestStatus.values()), RequestStatus::name, s -> t.get("status_" + s.name()),
                        filters.get("status")),
                options(reference.categories(), Category::code, c -> c.names().in(t.lang()), filters.get("category")),
                options(List.of(RequestType.values()), RequestType::wire, r -> t.get("type_" + r.wire()), filters.get("type")),
                sorts(t, query.sort()), query.text(), query.overdue() != null, query.dueSoon() != null, rows,
                t.format("queue_page", query.page() + 1), previous, next,
                BULK.stream().sorted(Comparator.naturalOrder())
                        .map(a -> new Option(a.wire(), t.get("act_" + a.wire()), false)).toList(), null);
    }

    private QueueRow row(Texts t, QueueItemView item) {
        String dueClass = item.overdue() ? "due-overdue" : item.dueSoon() ? "due-soon" : "due-ok";
        String dueWord = item.overdue() ? t.get("due_overdue") : item.dueSoon() ? t.get("due_soon") : "";
        return new QueueRow(item.trackingNumber(), item.subject(), t.get("status_" + item.status().name()),
                item.status().name(), categoryName(t, item.category()), t.dateTime(item.receivedAt()),
                t.date(item.dueDate()), dueClass, dueWord, item.assignee(), item.version());
    }

    private static String queueLink(Map<String, String> filters) {
        StringBuilder link = new StringBuilder("/workbench?");
        for (String name : List.of("status", "category", "type", "q", "sort", "overdue", "dueSoon")) {
            String value = filters.get(name);
            if (value != null && !value.isBlank()) {
                link.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return link.toString();
    }

    private static List<Option> sorts(Texts t, QueueQuery.Sort current) {
        return java.util.Arrays.stream(QueueQuery.Sort.values())
                .map(s -> new Option(s.wire(), t.get("queue_sort_" + s.wire()), s == current)).toList();
    }

    // ---- one request ----

    /** The request's page as its branch's staff see it; opening it is logged in the access log. */
    CasePage casePage(Texts t, Caller caller, String trackingNumber, String notice, String templateId) {
        return page(t, caller, trackingNumber, notice, List.of(), Map.of(), null, templateId, null, null);
    }

    /** Performs one act from a form; what it answers tells the resource what to show. */
    Acted act(Texts t, Caller caller, String trackingNumber, Map<String, String> form) {
        String actionWire = form.getOrDefault("action", "");
        Action action = java.util.Arrays.stream(Action.values()).filter(a -> a.wire().equals(actionWire)).findFirst()
                .orElse(null);
        if (action == null) {
            return new Acted(400, page(t, caller, trackingNumber, null, List.of(t.get("error_title")), Map.of(), null,
                    null, null, null));
        }
        int version = parseVersion(form.get("version"));
        try {
            TransitionCommand command = command(action, form);
            casework.act(trackingNumber, version, command, Performer.staff(caller));
            return new Acted(303, null);
        } catch (StaleVersionException stale) {
            long seen = parseLong(form.get("seen"));
            return new Acted(412, page(t, caller, trackingNumber, null, List.of(), form, action, null, seen, null));
        } catch (RequestNotFoundException missing) {
            throw missing;
        } catch (ProblemException refused) {
            Map<String, String> errors = new LinkedHashMap<>();
            List<String> messages = new ArrayList<>();
            for (Problem.FieldError error : refused.errors()) {
                errors.put(error.field(), error.message());
                messages.add(error.field() + ": " + error.message());
            }
            if (messages.isEmpty()) {
                messages.add(refused.getMessage());
            }
            return new Acted(refused.status(), page(t, caller, trackingNumber, null, messages, form, action, null,
                    null, errors));
        }
    }

    /** The page again with a template's text in the answer, nothing acted. */
    CasePage withTemplate(Texts t, Caller caller, String trackingNumber, Map<String, String> form) {
        return page(t, caller, trackingNumber, null, List.of(), form, Action.RESOLVE, form.get("template"), null, null);
    }

    /** Each selected request gets its own act, transaction and version; the page reports each result. */
    List<BulkResult> bulk(Texts t, Caller caller, Map<String, String> form, List<String> selected) {
        Action action = BULK.stream().filter(a -> a.wire().equals(form.get("action"))).findFirst()
                .orElseThrow(() -> new InvalidInputException("action", "must be one of: register, assign"));
        if (selected.isEmpty()) {
            throw new InvalidInputException("selected", "select at least one request");
        }
        if (selected.size() > MAX_BULK) {
            throw new InvalidInputException("selected", "at most " + MAX_BULK + " requests at once");
        }
        List<BulkResult> results = new ArrayList<>();
        for (String trackingNumber : selected.stream().distinct().toList()) {
            try {
                int version = parseVersion(form.get("v." + trackingNumber));
                casework.act(trackingNumber, version, command(action, form), Performer.staff(caller));
                results.add(new BulkResult(trackingNumber, t.get("bulk_result_done"), true));
            } catch (StaleVersionException stale) {
                results.add(new BulkResult(trackingNumber, t.get("bulk_result_conflict"), false));
            } catch (RequestNotFoundException missing) {
                results.add(new BulkResult(trackingNumber, t.get("bulk_result_missing"), false));
            } catch (ProblemException refused) {
                results.add(new BulkResult(trackingNumber, t.format("bulk_result_refused", refused.getMessage()), false));
            }
        }
        return results;
    }

    record Acted(int status, CasePage page) {
    }

    private TransitionCommand command(Action action, Map<String, String> form) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Outcome outcome = null;
        String outcomeWire = blankToNull(form.get("outcome"));
        if (outcomeWire != null) {
            outcome = java.util.Arrays.stream(Outcome.values()).filter(o -> o.wire().equals(outcomeWire)).findFirst()
                    .orElse(null);
            if (outcome == null) {
                errors.add(new Problem.FieldError("outcome", "unknown outcome"));
            }
        }
        LocalDate newDueDate = null;
        String due = blankToNull(form.get("newDueDate"));
        if (due != null) {
            try {
                newDueDate = LocalDate.parse(due);
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("newDueDate", "a date as YYYY-MM-DD"));
            }
        }
        String targetBranch = blankToNull(form.get("targetBranch"));
        if (targetBranch != null) {
            // the picker's label may come back with the code in brackets: "Name (AST-D02)"
            int open = targetBranch.lastIndexOf('(');
            if (open >= 0 && targetBranch.endsWith(")")) {
                targetBranch = targetBranch.substring(open + 1, targetBranch.length() - 1).trim();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        TransitionCommand command = new TransitionCommand(action, blankToNull(normalise(form.get("note"))), outcome,
                blankToNull(normalise(form.get("answer"))), targetBranch, newDueDate, blankToNull(form.get("assignee")));
        Set<ConstraintViolation<TransitionCommand>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList());
        }
        return command;
    }

    private CasePage page(Texts t, Caller caller, String trackingNumber, String notice, List<String> errors,
                          Map<String, String> typed, Action typedAction, String templateId, Long seenBefore,
                          Map<String, String> fieldErrors) {
        Performer staff = Performer.staff(caller);
        RequestView view = casework.staffView(trackingNumber, staff);
        @SuppressWarnings("unchecked")
        List<HistoryView> history = (List<HistoryView>) casework.history(trackingNumber, staff);
        long seen = history.isEmpty() ? 0 : history.get(history.size() - 1).id();
        List<HistoryRow> rows = history.stream().map(h -> historyRow(t, h)).toList();
        List<HistoryRow> conflict = seenBefore == null ? List.of()
                : rows.stream().filter(r -> r.id() > seenBefore).toList();
        String lost = null;
        if (typedAction != null && !view.allowedActions().contains(typedAction)) {
            lost = String.join("\n\n", java.util.stream.Stream.of(typed.get("note"), typed.get("answer"))
                    .filter(s -> s != null && !s.isBlank()).toList());
            if (lost.isBlank()) {
                lost = null;
            }
        }
        List<Draft> offered = view.allowedActions().contains(Action.RESOLVE)
                ? offered(trackingNumber, staff, templateId) : List.of();
        if ("template".equals(typed.get("intent"))) {
            // "Insert the template": the chosen draft becomes the answer, the rest as typed
            Map<String, String> withDraft = new LinkedHashMap<>(typed);
            for (Draft draft : offered) {
                if (draft.selected()) {
                    withDraft.put("answer", draft.text());
                }
            }
            typed = withDraft;
        }
        List<ActForm> acts = new ArrayList<>();
        for (Action action : view.allowedActions()) {
            boolean mine = action == typedAction;
            acts.add(new ActForm(action.wire(), t.get("act_" + action.wire()),
                    mine ? typed : Map.of(), mine && fieldErrors != null ? fieldErrors : Map.of(), mine));
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(t.get("request_type"), t.get("type_" + view.type().wire()), "f-type"));
        facts.add(new Fact(t.get("request_category"), categoryName(t, view.category()), "f-category"));
        facts.add(new Fact(t.get("request_place"), placeName(t, view.region(), view.district()), "f-place"));
        facts.add(new Fact(t.get("request_branch"), branchName(t, view.branch().code()), "f-branch"));
        facts.add(new Fact(t.get("request_assignee"), view.assignee() == null ? t.get("request_none") : view.assignee(),
                "f-assignee"));
        facts.add(new Fact(t.get("request_received"), t.dateTime(view.receivedAt()), "f-received"));
        String due = t.date(view.dueDate());
        if (!view.dueDate().equals(view.statutoryDueDate())) {
            due += " (" + t.format("request_due_statutory", t.date(view.statutoryDueDate())) + ")";
        }
        facts.add(new Fact(t.get("request_due"), due, "f-due"));
        facts.add(new Fact(t.get("request_channel"), view.channel().wire(), "f-channel"));
        facts.add(new Fact(t.get("request_language"), view.language().wire(), "f-language"));
        var c = view.citizen();
        List<Fact> citizen = List.of(
                new Fact(t.get("request_name"), c.fullName(), "c-name"),
                new Fact(t.get("request_iin"), orNone(t, c.iin()), "c-iin"),
                new Fact(t.get("request_phone"), orNone(t, c.phone()), "c-phone"),
                new Fact(t.get("request_email"), orNone(t, c.email()), "c-email"),
                new Fact(t.get("request_contact_through"), c.contactThrough() == null ? t.get("request_contact_direct")
                        : t.format("request_contact_integrator", c.contactThrough()), "c-through"));
        String location = view.location() == null ? null
                : view.location().latitude().toPlainString() + ", " + view.location().longitude().toPlainString();
        String citizenAnswer = view.citizenSatisfied() == null ? null
                : t.get(view.citizenSatisfied() ? "request_satisfied_yes" : "request_satisfied_no")
                        + (view.citizenRating() == null ? "" : " · " + view.citizenRating() + "/5");
        List<Option> branches = reference.branches().stream().filter(b -> !b.code().equals(view.branch().code()))
                .map(b -> new Option(b.code(), b.names().in(t.lang()) + " (" + b.code() + ")", false)).toList();
        String typedOutcome = typedAction == Action.RESOLVE ? typed.get("outcome") : null;
        List<Option> outcomes = java.util.Arrays.stream(Outcome.values())
                .map(o -> new Option(o.wire(), t.get("outcome_" + o.wire()), o.wire().equals(typedOutcome))).toList();
        String dueClass = view.overdue() ? "due-overdue" : "due-ok";
        return new CasePage(view.trackingNumber(), view.subject(), t.get("status_" + view.status().name()),
                view.status().name(), dueClass, facts, citizen, view.description(), view.address(), location,
                view.outcome() == null ? null : t.get("outcome_" + view.outcome().wire()), view.answer(), citizenAnswer,
                rows, acts, view.version(), seen, branches, outcomes, offered,
                view.dueDate().plusDays(1).toString(),
                view.extensionLimit() == null ? null : view.extensionLimit().toString(), notice, errors, conflict, lost,
                view.mediaUrls() == null ? List.of() : view.mediaUrls());
    }

    /** The templates for this request, in the request's own language (the citizen's), filled in for it. */
    private List<Draft> offered(String trackingNumber, Performer staff, String selectedId) {
        return drafts.forRequest(trackingNumber, null, staff).stream()
                .map(d -> {
                    String id = Long.toString(d.template().id());
                    return new Draft(id, d.template().title(), d.text(), id.equals(selectedId));
                }).toList();
    }

    private HistoryRow historyRow(Texts t, HistoryView h) {
        String action = t.get(switch (h.action()) {
            case "submit", "register", "start_work", "assign", "forward", "extend_deadline", "resolve", "reopen", "close",
                 "comment", "withdraw", "feedback", "complaint", "follow_up", "escalate", "reschedule" -> "history_" + h.action();
            default -> "history_other";
        });
        if ("forward".equals(h.action())) {
            action += ": " + branchName(t, h.fromBranch()) + " → " + branchName(t, h.toBranch());
        }
        return new HistoryRow(h.id(), t.dateTime(h.at()), h.actor(), action, t.get("status_" + h.toStatus().name()),
                h.note(), h.visibleToCitizen());
    }

    String branchName(Texts t, String code) {
        if (code == null) {
            return "";
        }
        return reference.branchEvenIfRetired(code).map(Branch::names).map(n -> n.in(t.lang()) + " (" + code + ")")
                .orElse(code);
    }

    private String categoryName(Texts t, String code) {
        return reference.categoryEvenIfRetired(code).map(c -> c.names().in(t.lang())).orElse(code);
    }

    private String placeName(Texts t, String region, String district) {
        String name = reference.region(region).map(r -> r.names().in(t.lang())).orElse(region);
        if (district != null) {
            name += ", " + reference.district(district).map(d -> d.names().in(t.lang())).orElse(district);
        }
        return name;
    }

    private static <T> List<Option> options(List<T> values, Function<T, String> code, Function<T, String> label,
                                            String selected) {
        return values.stream().map(v -> new Option(code.apply(v), label.apply(v), code.apply(v).equals(selected)))
                .toList();
    }

    private static String orNone(Texts t, String value) {
        return value == null || value.isBlank() ? t.get("request_none") : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Browsers send a textarea's line ends as CRLF; the service keeps LF. */
    private static String normalise(String text) {
        return text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static int parseVersion(String version) {
        try {
            return Integer.parseInt(version == null ? "" : version.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("version", "the page's version is missing; open the request again");
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
