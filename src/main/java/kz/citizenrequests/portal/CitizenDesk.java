package kz.citizenrequests.portal;

import kz.citizenrequests.shared.pages.Texts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import kz.citizenrequests.casework.Action;
import kz.citizenrequests.casework.CaseworkService;
import kz.citizenrequests.casework.CaseworkService.Performer;
import kz.citizenrequests.casework.CaseworkViews.CitizenRequestView;
import kz.citizenrequests.casework.CaseworkViews.PublicHistoryView;
import kz.citizenrequests.casework.IllegalTransitionException;
import kz.citizenrequests.casework.RequestNotFoundException;
import kz.citizenrequests.casework.TrackingNumber;
import kz.citizenrequests.casework.TransitionCommand;
import kz.citizenrequests.intake.IdempotencyKeyReusedException;
import kz.citizenrequests.intake.IntakeService;
import kz.citizenrequests.intake.SubmissionLimits.TooManySubmissionsException;
import kz.citizenrequests.intake.SubmissionReceipt;
import kz.citizenrequests.intake.SubmitRequestCommand;
import kz.citizenrequests.portal.PortalViews.DescribedOption;
import kz.citizenrequests.portal.PortalViews.DistrictGroup;
import kz.citizenrequests.portal.PortalViews.FieldProblem;
import kz.citizenrequests.portal.PortalViews.FollowForm;
import kz.citizenrequests.portal.PortalViews.HistoryLine;
import kz.citizenrequests.portal.PortalViews.Option;
import kz.citizenrequests.portal.PortalViews.Receipt;
import kz.citizenrequests.portal.PortalViews.RequestPage;
import kz.citizenrequests.portal.PortalViews.SubmitForm;
import kz.citizenrequests.reference.Category;
import kz.citizenrequests.reference.District;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.reference.Region;
import kz.citizenrequests.routing.NoBranchForRegionException;
import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Problem.FieldError;
import kz.citizenrequests.shared.RequestType;
import kz.citizenrequests.shared.StaleVersionException;
import kz.citizenrequests.shared.Text;
import kz.citizenrequests.shared.Unavailability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the citizen's pages do, in the words of the page: a form sent becomes the same command
 * the API takes, goes through the same intake (its checks, limits, idempotency and routing),
 * and each refusal comes back as the API's field errors, said next to the field in the page's
 * language. Following and withdrawing go through casework with the access code, as over the API.
 */
@ApplicationScoped
public class CitizenDesk {

    /** The form's fields, named as the API's JSON paths; the honeypot and the key come on top. */
    static final List<String> FIELDS = List.of("type", "category", "region", "district", "subject", "description",
            "address", "citizen.fullName", "citizen.phone", "citizen.email", "citizen.iin", "language",
            "publicationConsent");
    static final String HONEYPOT = "website";
    static final String KEY = "key";
    private static final Pattern KEY_FORM = Pattern.compile("[!-~]{1,200}");

    private final IntakeService intake;
    private final CaseworkService casework;
    private final ReferenceData reference;
    private final Validator validator;
    private final java.time.Clock clock;

    public CitizenDesk(IntakeService intake, CaseworkService casework, ReferenceData reference, Validator validator,
                       java.time.Clock clock) {
        this.intake = intake;
        this.casework = casework;
        this.reference = reference;
        this.validator = validator;
        this.clock = clock;
    }

    /** Either the receipt of a stored request or the form again with what is wrong. */
    public sealed interface Sent permits Stored, Refused {
    }

    public record Stored(Receipt receipt) implements Sent {
    }

    public record Refused(SubmitForm form, int status, Long retryAfterSeconds) implements Sent {
    }

    /** An empty form with a fresh key: sending it twice (a double click, a retry) stores one request. */
    public SubmitForm blankForm(Texts t) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("language", t.lang());
        return form(t, UUID.randomUUID().toString(), values, Map.of(), null);
    }

    /** The form as sent, shown again (another language, or after a refusal) with nothing typed lost. */
    public SubmitForm formAsSent(Texts t, Map<String, String> sent) {
        return form(t, sentKey(sent), valuesOf(sent), Map.of(), null);
    }

    public Sent submit(Texts t, Map<String, String> sent, String clientAddress) {
        Map<String, String> values = valuesOf(sent);
        String key = sentKey(sent);
        if (!sent.getOrDefault(HONEYPOT, "").isEmpty() || !KEY_FORM.matcher(key).matches()) {
            // a robot fills every field it sees; a person never sees this one
            return refused(t, key, values, List.of(), t.get("error_form"), 400, null);
        }
        List<FieldError> errors = new ArrayList<>();
        SubmitRequestCommand command = command(values, errors);
        for (ConstraintViolation<SubmitRequestCommand> violation : validator.validate(command)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        errors.addAll(intake.problems(command));
        if (!errors.isEmpty()) {
            return refused(t, key, values, errors, null, 400, null);
        }
        try {
            IntakeService.Submission submission = intake.submit(command, key, Channel.WEB,
                    IntakeService.Submitter.anonymous(clientAddress));
            return new Stored(receipt(t, submission.receipt()));
        } catch (InvalidInputException e) {
            return refused(t, key, values, e.errors(), null, 400, null);
        } catch (NoBranchForRegionException e) {
            return refused(t, key, values, List.of(), t.get("error_no_branch"), 422, null);
        } catch (IdempotencyKeyReusedException e) {
            return refused(t, key, values, List.of(), t.get("error_form_used"), 422, null);
        } catch (TooManySubmissionsException e) {
            long wait = Long.parseLong(e.headers().get("Retry-After"));
            return refused(t, key, values, List.of(), t.format("error_limit", t.waitOf(wait)), 429, wait);
        } catch (RuntimeException e) {
            if (Unavailability.databaseCause(e).isEmpty()) {
                throw e;
            }
            long wait = Unavailability.RETRY_AFTER_SECONDS;
            return refused(t, key, values, List.of(), t.format("error_busy", t.waitOf(wait)), 503, wait);
        }
    }

    /** The receipt again, read with the number and code (when the citizen switches the language on it). */
    public Optional<Receipt> receipt(Texts t, String trackingNumber, String accessCode) {
        return read(trackingNumber, accessCode).map(reading -> (CitizenRequestView) reading.view())
                .map(view -> new Receipt(view.trackingNumber(), accessCode.trim(), branchName(t, view.branch().code()),
                        t.dateTime(view.receivedAt()), t.date(view.dueDate()),
                        t.format("receipt_next_due", t.date(view.dueDate()))));
    }

    /** Either the request's page or the follow form again with what is wrong. */
    public sealed interface Followed permits Shown, NotShown {
    }

    public record Shown(RequestPage page) implements Followed {
    }

    public record NotShown(FollowForm form) implements Followed {
    }

    public Followed follow(Texts t, String trackingNumber, String accessCode, String notice) {
        String number = trackingNumber == null ? "" : trackingNumber.trim().toUpperCase(java.util.Locale.ROOT);
        String code = accessCode == null ? "" : accessCode.trim();
        String numberError = number.isEmpty() || !TrackingNumber.isWellFormed(number) ? t.get("error_number") : null;
        String codeError = code.isEmpty() || code.length() > 64 ? t.get("error_code") : null;
        if (numberError != null || codeError != null) {
            return new NotShown(new FollowForm(number, numberError, codeError, null));
        }
        Optional<CaseworkService.Reading> reading = read(number, code);
        if (reading.isEmpty()) {
            return new NotShown(new FollowForm(number, null, null, t.get("follow_not_found")));
        }
        CitizenRequestView view = (CitizenRequestView) reading.get().view();
        return new Shown(page(t, view, code, reading.get().version(), notice));
    }

    /** Withdraws the request at the version the citizen saw; a change meanwhile shows the new state instead. */
    public Followed withdraw(Texts t, String trackingNumber, String accessCode, int version, String reason) {
        String note = usable(reason);
        String notice;
        try {
            casework.act(trackingNumber, version, new TransitionCommand(Action.WITHDRAW, note, null, null, null, null,
                    null), Performer.holderOf(accessCode));
            notice = t.get("withdraw_done");
        } catch (StaleVersionException e) {
            notice = t.get("withdraw_stale");
        } catch (IllegalTransitionException e) {
            notice = t.get("withdraw_not_open");
        } catch (RequestNotFoundException e) {
            notice = null;
        }
        return follow(t, trackingNumber, accessCode, notice);
    }

    /**
     * The citizen's answer to the decision, at the version they saw. Not satisfied with a
     * comment is a complaint; casework decides, the page says which it became.
     */
    public Followed answer(Texts t, String trackingNumber, String accessCode, int version, String satisfied,
                           String rating, String comment) {
        if (!"yes".equals(satisfied) && !"no".equals(satisfied)) {
            return follow(t, trackingNumber, accessCode, t.get("feedback_choose"));
        }
        Integer stars = rating != null && rating.matches("[1-5]") ? Integer.valueOf(rating) : null;
        String note = usable(comment);
        String notice;
        try {
            CitizenRequestView after = (CitizenRequestView) casework.actAndRead(trackingNumber, version,
                    new TransitionCommand(Action.FEEDBACK, note, null, null, null, null, null, "yes".equals(satisfied), stars),
                    Performer.holderOf(accessCode)).view();
            notice = after.complaint() && after.status().isOpen()
                    ? t.format("complaint_done", t.date(after.dueDate())) : t.get("feedback_done");
        } catch (StaleVersionException e) {
            notice = t.get("changed_meanwhile");
        } catch (RequestNotFoundException e) {
            return follow(t, trackingNumber, accessCode, null);
        } catch (IllegalTransitionException e) {
            notice = t.get("feedback_closed");
        } catch (kz.citizenrequests.shared.ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            notice = t.get("feedback_closed");
        }
        return follow(t, trackingNumber, accessCode, notice);
    }

    /** A follow-up comment on an open request, a few a day. */
    public Followed comment(Texts t, String trackingNumber, String accessCode, int version, String comment) {
        String note = usable(comment);
        if (note == null) {
            return follow(t, trackingNumber, accessCode, t.get("followup_empty"));
        }
        String notice;
        try {
            casework.act(trackingNumber, version, new TransitionCommand(Action.FOLLOW_UP, note, null, null, null, null,
                    null), Performer.holderOf(accessCode));
            notice = t.get("followup_done");
        } catch (StaleVersionException e) {
            notice = t.get("changed_meanwhile");
        } catch (RequestNotFoundException e) {
            return follow(t, trackingNumber, accessCode, null);
        } catch (IllegalTransitionException e) {
            notice = t.get("followup_not_open");
        } catch (kz.citizenrequests.shared.ProblemException e) {
            if (e.status() != 429) {
                throw e;
            }
            notice = t.format("followup_limit", t.waitOf(Long.parseLong(e.headers().get("Retry-After"))));
        }
        return follow(t, trackingNumber, accessCode, notice);
    }

    /** A comment the citizen typed, if there is one the service can keep. */
    private static String usable(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        return trimmed.length() > 4000 || Text.refusal(trimmed) != null ? null : trimmed;
    }

    private Optional<CaseworkService.Reading> read(String trackingNumber, String accessCode) {
        if (trackingNumber == null || accessCode == null || !TrackingNumber.isWellFormed(trackingNumber.trim())) {
            return Optional.empty();
        }
        try {
            return Optional.of(casework.citizenView(trackingNumber.trim(), Performer.holderOf(accessCode.trim())));
        } catch (RequestNotFoundException e) {
            return Optional.empty();
        }
    }

    private RequestPage page(Texts t, CitizenRequestView view, String code, int version, String notice) {
        String extensionReason = null;
        List<HistoryLine> history = new ArrayList<>();
        for (PublicHistoryView entry : view.history()) {
            String note = entry.note();
            if ("extend_deadline".equals(entry.action())) {
                extensionReason = note;
            }
            if ("resolve".equals(entry.action())) {
                note = null; // the answer is shown on its own
            }
            history.add(new HistoryLine(t.dateTime(entry.at()), actionWords(t, entry), note));
        }
        boolean extended = view.statutoryDueDate() != null && !view.statutoryDueDate().equals(view.dueDate());
        List<String> acts = new ArrayList<>();
        if (Action.WITHDRAW.isAllowedFrom(view.status())) {
            acts.add(Action.WITHDRAW.wire());
        }
        if (Action.FOLLOW_UP.isAllowedFrom(view.status())) {
            acts.add(Action.FOLLOW_UP.wire());
        }
        boolean mayAnswer = view.answerUntil() != null && clock.instant().isBefore(view.answerUntil());
        if (mayAnswer) {
            acts.add(Action.FEEDBACK.wire());
        }
        String answerSentence = mayAnswer ? t.format("feedback_text",
                t.date(view.answerUntil().atZone(kz.citizenrequests.shared.TimeConfig.KAZAKHSTAN).toLocalDate())) : null;
        LocalDate today = casework.today();
        return new RequestPage(view.trackingNumber(), code, version, t.get("status_" + view.status().name()),
                view.status().name(), t.get("status_text_" + view.status().name()), view.subject(),
                typeName(t, view.type()), categoryName(t, view.category()), branchName(t, view.branch().code()),
                t.dateTime(view.receivedAt()), t.date(view.dueDate()),
                extended ? t.date(view.statutoryDueDate()) : null, extended ? extensionReason : null,
                view.status().isOpen() && view.dueDate().isBefore(today),
                view.outcome() == null ? null : t.get("outcome_" + view.outcome().wire()), view.answer(),
                List.copyOf(history), List.copyOf(acts), answerSentence, notice);
    }

    private String actionWords(Texts t, PublicHistoryView entry) {
        return switch (entry.action()) {
            case "submit", "register", "start_work", "extend_deadline", "resolve", "reopen", "close", "withdraw",
                 "feedback", "complaint", "follow_up" ->
                    t.get("action_" + entry.action());
            case "forward" -> t.format("action_forward", branchName(t, entry.branch()));
            default -> t.get("action_other");
        };
    }

    private Receipt receipt(Texts t, SubmissionReceipt receipt) {
        return new Receipt(receipt.trackingNumber(), receipt.accessCode(), branchName(t, receipt.branch().code()),
                t.dateTime(receipt.receivedAt()), t.date(receipt.dueDate()),
                t.format("receipt_next_due", t.date(receipt.dueDate())));
    }

    private String branchName(Texts t, String code) {
        return reference.branchEvenIfRetired(code).map(b -> b.names().in(t.lang())).orElse(code);
    }

    private String categoryName(Texts t, String code) {
        return reference.categoryEvenIfRetired(code).map(c -> c.names().in(t.lang())).orElse(code);
    }

    /** A type's words read "Label: what it means"; the page shows the two parts apart. */
    private static String typeName(Texts t, RequestType type) {
        return typeWords(t, type)[0];
    }

    private static String[] typeWords(Texts t, RequestType type) {
        String words = t.get("type_" + type.wire());
        int colon = words.indexOf(':');
        return colon < 0 ? new String[]{words, ""} : new String[]{words.substring(0, colon), words.substring(colon + 1).trim()};
    }

    /** The command the API would get for this form; a value that cannot be read is an error on its field. */
    private static SubmitRequestCommand command(Map<String, String> v, List<FieldError> errors) {
        for (String field : FIELDS) {
            String refusal = Text.refusal(v.get(field));
            if (refusal != null) {
                errors.add(new FieldError(field, refusal));
            }
        }
        RequestType type = wireValue(RequestType.values(), v.get("type"), RequestType::wire);
        Language language = wireValue(Language.values(), v.get("language"), Language::wire);
        return new SubmitRequestCommand(type, v.get("category"), v.get("region"), ParameterReader.trimToNull(v.get("district")),
                v.get("subject"), v.get("description"), ParameterReader.trimToNull(v.get("address")), null, language, null,
                "yes".equals(v.get("publicationConsent")),
                new SubmitRequestCommand.Citizen(v.get("citizen.fullName"), ParameterReader.trimToNull(v.get("citizen.iin")),
                        ParameterReader.trimToNull(v.get("citizen.phone")), ParameterReader.trimToNull(v.get("citizen.email"))));
    }

    private static <E> E wireValue(E[] values, String wire, java.util.function.Function<E, String> wireOf) {
        for (E value : values) {
            if (wireOf.apply(value).equals(wire)) {
                return value;
            }
        }
        return null;
    }

    private Refused refused(Texts t, String key, Map<String, String> values, List<FieldError> errors, String general,
                            int status, Long retryAfter) {
        return new Refused(form(t, key, values, fieldWords(t, errors), general), status, retryAfter);
    }

    /** One message per field, in the page's language; a problem on a field the form lacks becomes general. */
    private static Map<String, String> fieldWords(Texts t, List<FieldError> errors) {
        Map<String, String> words = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String field = error.field();
            if (!FIELDS.contains(field)) {
                words.putIfAbsent("", t.get("error_form"));
                continue;
            }
            String key = IntakeService.CONTACT_REQUIRED.equals(error.message()) ? "error_contact"
                    : "error_" + field.substring(field.indexOf('.') + 1);
            words.putIfAbsent(field, t.get(key));
        }
        return words;
    }

    private SubmitForm form(Texts t, String key, Map<String, String> values, Map<String, String> errorWords,
                            String general) {
        Map<String, String> errors = new LinkedHashMap<>(errorWords);
        String generalWords = general != null ? general : errors.remove("");
        List<FieldProblem> problems = new ArrayList<>();
        for (String field : FIELDS) {
            if (errors.containsKey(field)) {
                problems.add(new FieldProblem(field, "f-" + field.replace('.', '-'), errors.get(field)));
            }
        }
        String lang = t.lang();
        List<DescribedOption> types = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            String[] words = typeWords(t, type);
            types.add(new DescribedOption(type.wire(), words[0], words[1], type.wire().equals(values.get("type"))));
        }
        List<DescribedOption> categories = new ArrayList<>();
        for (Category category : reference.categories()) {
            categories.add(new DescribedOption(category.code(), category.names().in(lang),
                    category.descriptions() == null ? "" : category.descriptions().in(lang),
                    category.code().equals(values.get("category"))));
        }
        List<Option> regions = new ArrayList<>();
        List<DistrictGroup> groups = new ArrayList<>();
        for (Region region : reference.regions()) {
            regions.add(new Option(region.code(), region.names().in(lang), region.code().equals(values.get("region"))));
            List<Option> districts = new ArrayList<>();
            for (District district : reference.districts()) {
                if (district.regionCode().equals(region.code())) {
                    districts.add(new Option(district.code(), district.names().in(lang),
                            district.code().equals(values.get("district"))));
                }
            }
            if (!districts.isEmpty()) {
                groups.add(new DistrictGroup(region.code(), region.names().in(lang), districts));
            }
        }
        List<Option> languages = List.of(new Option("kk", "Қазақша", "kk".equals(values.get("language"))),
                new Option("ru", "Русский", "ru".equals(values.get("language"))),
                new Option("en", "English", "en".equals(values.get("language"))));
        return new SubmitForm(key, values, errors, problems, generalWords, types, categories, regions, groups, languages);
    }

    private static Map<String, String> valuesOf(Map<String, String> sent) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String value = sent.get(field);
            if (value != null) {
                values.put(field, value);
            }
        }
        return values;
    }

    private static String sentKey(Map<String, String> sent) {
        String key = sent.get(KEY);
        return key == null || key.isEmpty() ? UUID.randomUUID().toString() : key;
    }
}
