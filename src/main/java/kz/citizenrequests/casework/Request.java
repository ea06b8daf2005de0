package kz.citizenrequests.casework;

import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.RequestType;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import kz.citizenrequests.shared.Jdbc;
import kz.citizenrequests.shared.TimeConfig;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A citizen's request (appeal) and the guard of its lifecycle.
 *
 * <p>A request is received already routed to a branch and carries a statutory due date
 * (15 working days after receipt, APPC Art. 76). The branch registers it, works it and
 * resolves it with an outcome and an answer; a resolved request is closed, or reopened
 * when the answer does not hold. While open it may be assigned, forwarded to the
 * competent branch (late after 3 working days, Art. 63) and its deadline extended with
 * a reason, never beyond two months from receipt. The citizen may withdraw it while open.
 * {@link Action} holds the table of which act is allowed in which status.
 *
 * <p>Every act is a method named for it; each checks the table, changes the state and
 * returns the {@link HistoryEntry} that records it, which the caller stores in the same
 * transaction. Nothing else changes a request.
 */
@Entity
@Table(name = "requests")
public class Request {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "tracking_number", updatable = false)
    private String trackingNumber;
    @Column(name = "access_code_hash", updatable = false)
    private String accessCodeHash;
    @Convert(converter = RequestType.Converter.class)
    private RequestType type;
    @Column(name = "category_code")
    private String categoryCode;
    @Column(name = "region_code")
    private String regionCode;
    @Column(name = "district_code")
    private String districtCode;
    private String subject;
    private String description;
    private String address;
    @Embedded
    private Location location;
    @Convert(converter = Language.Converter.class)
    private Language language;
    @Convert(converter = Channel.Converter.class)
    private Channel channel;
    @Column(name = "publication_consent")
    private boolean publicationConsent;
    @Embedded
    private Citizen citizen;
    @Column(name = "citizen_account", updatable = false)
    private String citizenAccount;
    @Column(name = "integrator_key_id", updatable = false)
    private Long integratorKeyId;
    @Column(name = "integrator", updatable = false)
    private String integrator;
    @Column(name = "media_urls", updatable = false)
    private String mediaUrls;
    @Column(name = "branch_code")
    private String branchCode;
    private String assignee;
    @Enumerated(EnumType.STRING)
    private RequestStatus status;
    @Convert(converter = Outcome.Converter.class)
    private Outcome outcome;
    private String answer;
    @Column(name = "received_at", updatable = false)
    private Instant receivedAt;
    @Column(name = "due_date")
    private LocalDate dueDate;
    @Column(name = "statutory_due_date")
    private LocalDate statutoryDueDate;
    @Column(name = "forward_count")
    private int forwardCount;
    @Column(name = "late_forward")
    private boolean lateForward;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "reopen_count")
    private int reopenCount;
    @Column(name = "escalated_at")
    private Instant escalatedAt;
    @Column(name = "feedback_satisfied")
    private Boolean feedbackSatisfied;
    @Column(name = "feedback_rating")
    private Short feedbackRating;
    @Column(name = "feedback_at")
    private Instant feedbackAt;
    private boolean complaint;
    @Column(name = "term_started_on")
    private LocalDate termStartedOn;
    @Version
    private int version;

    protected Request() {
    }

    /** Receives a new request, already routed to {@code branchCode}, in status SUBMITTED. */
    static Request receive(NewRequest content, String trackingNumber, String accessCodeHash, String branchCode,
                                  Instant receivedAt, LocalDate dueDate) {
        Request request = new Request();
        request.trackingNumber = trackingNumber;
        request.accessCodeHash = accessCodeHash;
        request.type = content.type();
        request.categoryCode = content.category();
        request.regionCode = content.region();
        request.districtCode = content.district();
        request.subject = content.subject();
        request.description = content.description();
        request.address = content.address();
        request.location = content.location();
        request.language = content.language();
        request.channel = content.channel();
        request.publicationConsent = content.publicationConsent();
        request.citizen = content.citizen();
        request.citizenAccount = content.citizenAccount();
        if (content.integrator() != null) {
            request.integratorKeyId = content.integrator().keyId();
            request.integrator = content.integrator().name();
        }
        request.mediaUrls = content.mediaUrls().isEmpty() ? null : String.join("\n", content.mediaUrls());
        request.branchCode = branchCode;
        request.status = RequestStatus.SUBMITTED;
        request.receivedAt = receivedAt;
        request.dueDate = dueDate;
        request.statutoryDueDate = dueDate;
        request.updatedAt = receivedAt;
        return request;
    }

    /**
     * Binds what {@link #receive} set, in the column order of {@link RequestRepository#insertReceived};
     * every other column starts at its default (no answer, no forward, version 0).
     */
    void bindReceived(PreparedStatement insert) throws SQLException {
        insert.setString(1, trackingNumber);
        insert.setString(2, accessCodeHash);
        bindContent(insert, 3);
        insert.setString(19, citizenAccount);
        insert.setObject(20, integratorKeyId, Types.BIGINT);
        insert.setString(21, integrator);
        insert.setString(22, mediaUrls);
        insert.setString(23, branchCode);
        insert.setString(24, status.name());
        insert.setObject(25, Jdbc.utc(receivedAt));
        insert.setObject(26, dueDate);
        insert.setObject(27, statutoryDueDate);
        insert.setObject(28, Jdbc.utc(updatedAt));
    }

    /**
     * Binds what the citizen sent, as routed (type to the citizen's e-mail: 16 columns in the
     * order of {@link #ACT_COLUMNS}), from parameter {@code first}; answers the next free index.
     * Shared by the insert of a request received and the write-back of an act.
     */
    private int bindContent(PreparedStatement statement, int first) throws SQLException {
        int i = first;
        statement.setString(i++, type.wire());
        statement.setString(i++, categoryCode);
        statement.setString(i++, regionCode);
        statement.setString(i++, districtCode);
        statement.setString(i++, subject);
        statement.setString(i++, description);
        statement.setString(i++, address);
        statement.setBigDecimal(i++, location == null ? null : location.latitude());
        statement.setBigDecimal(i++, location == null ? null : location.longitude());
        statement.setString(i++, language.wire());
        statement.setString(i++, channel.wire());
        statement.setBoolean(i++, publicationConsent);
        statement.setString(i++, citizen == null ? null : citizen.fullName());
        statement.setString(i++, citizen == null ? null : citizen.iin());
        statement.setString(i++, citizen == null ? null : citizen.phone());
        statement.setString(i++, citizen == null ? null : citizen.email());
        return i;
    }

    /** The columns {@link #fromRow} reads, every column the entity maps. */
    static final String COLUMNS = "id, tracking_number, access_code_hash, type, category_code, region_code, district_code, "
            + "subject, description, address, latitude, longitude, language, channel, publication_consent, "
            + "citizen_full_name, citizen_iin, citizen_phone, citizen_email, citizen_account, integrator_key_id, integrator, "
            + "media_urls, branch_code, assignee, status, outcome, answer, received_at, due_date, statutory_due_date, "
            + "forward_count, late_forward, resolved_at, closed_at, withdrawn_at, updated_at, reopen_count, escalated_at, "
            + "feedback_satisfied, feedback_rating, feedback_at, complaint, term_started_on, version";

    static final RequestType.Converter TYPES = new RequestType.Converter();
    private static final Language.Converter LANGUAGES = new Language.Converter();
    private static final Channel.Converter CHANNELS = new Channel.Converter();
    private static final Outcome.Converter OUTCOMES = new Outcome.Converter();

    /**
     * A request as the row of {@link #COLUMNS} says, read with plain JDBC and not managed by
     * Hibernate (RequestRepository#read). As Hibernate does, an embedded location or citizen
     * whose columns are all null is null.
     */
    static Request fromRow(ResultSet row) throws SQLException {
        Request r = new Request();
        r.id = row.getLong("id");
        r.trackingNumber = row.getString("tracking_number");
        r.accessCodeHash = row.getString("access_code_hash");
        r.type = TYPES.convertToEntityAttribute(row.getString("type"));
        r.categoryCode = row.getString("category_code");
        r.regionCode = row.getString("region_code");
        r.districtCode = row.getString("district_code");
        r.subject = row.getString("subject");
        r.description = row.getString("description");
        r.address = row.getString("address");
        java.math.BigDecimal latitude = row.getBigDecimal("latitude");
        java.math.BigDecimal longitude = row.getBigDecimal("longitude");
        r.location = latitude == null && longitude == null ? null : new Location(latitude, longitude);
        r.language = LANGUAGES.convertToEntityAttribute(row.getString("language"));
        r.channel = CHANNELS.convertToEntityAttribute(row.getString("channel"));
        r.publicationConsent = row.getBoolean("publication_consent");
        String fullName = row.getString("citizen_full_name");
        String iin = row.getString("citizen_iin");
        String phone = row.getString("citizen_phone");
        String email = row.getString("citizen_email");
        r.citizen = fullName == null && iin == null && phone == null && email == null
                ? null : new Citizen(fullName, iin, phone, email);
        r.citizenAccount = row.getString("citizen_account");
        r.integratorKeyId = row.getObject("integrator_key_id", Long.class);
        r.integrator = row.getString("integrator");
        r.mediaUrls = row.getString("media_urls");
        r.branchCode = row.getString("branch_code");
        r.assignee = row.getString("assignee");
        r.status = RequestStatus.valueOf(row.getString("status"));
        r.outcome = OUTCOMES.convertToEntityAttribute(row.getString("outcome"));
        r.answer = row.getString("answer");
        r.receivedAt = instant(row, "received_at");
        r.dueDate = row.getObject("due_date", LocalDate.class);
        r.statutoryDueDate = row.getObject("statutory_due_date", LocalDate.class);
        r.forwardCount = row.getInt("forward_count");
        r.lateForward = row.getBoolean("late_forward");
        r.resolvedAt = instant(row, "resolved_at");
        r.closedAt = instant(row, "closed_at");
        r.withdrawnAt = instant(row, "withdrawn_at");
        r.updatedAt = instant(row, "updated_at");
        r.reopenCount = row.getInt("reopen_count");
        r.escalatedAt = instant(row, "escalated_at");
        r.feedbackSatisfied = row.getObject("feedback_satisfied", Boolean.class);
        Integer rating = row.getObject("feedback_rating", Integer.class);
        r.feedbackRating = rating == null ? null : rating.shortValue();
        r.feedbackAt = instant(row, "feedback_at");
        r.complaint = row.getBoolean("complaint");
        r.termStartedOn = row.getObject("term_started_on", LocalDate.class);
        r.version = row.getInt("version");
        return r;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        java.time.OffsetDateTime at = row.getObject(column, java.time.OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /**
     * The columns an act writes back ({@link RequestRepository#saveAct}): every column Hibernate
     * may update, as it would on a flush, in the order {@link #bindAct} binds them.
     */
    static final List<String> ACT_COLUMNS = List.of("type", "category_code", "region_code", "district_code", "subject",
            "description", "address", "latitude", "longitude", "language", "channel", "publication_consent",
            "citizen_full_name", "citizen_iin", "citizen_phone", "citizen_email", "branch_code", "assignee", "status",
            "outcome", "answer", "due_date", "statutory_due_date", "forward_count", "late_forward", "resolved_at",
            "closed_at", "withdrawn_at", "updated_at", "reopen_count", "escalated_at", "feedback_satisfied",
            "feedback_rating", "feedback_at", "complaint",
            "term_started_on");

    /** Binds {@link #ACT_COLUMNS} from the first parameter on; answers the next free parameter's index. */
    int bindAct(PreparedStatement update) throws SQLException {
        int i = bindContent(update, 1) - 1;
        update.setString(++i, branchCode);
        update.setString(++i, assignee);
        update.setString(++i, status.name());
        update.setString(++i, outcome == null ? null : outcome.wire());
        update.setString(++i, answer);
        update.setObject(++i, dueDate);
        update.setObject(++i, statutoryDueDate);
        update.setInt(++i, forwardCount);
        update.setBoolean(++i, lateForward);
        update.setObject(++i, Jdbc.utc(resolvedAt));
        update.setObject(++i, Jdbc.utc(closedAt));
        update.setObject(++i, Jdbc.utc(withdrawnAt));
        update.setObject(++i, Jdbc.utc(updatedAt));
        update.setInt(++i, reopenCount);
        update.setObject(++i, Jdbc.utc(escalatedAt));
        update.setObject(++i, feedbackSatisfied, Types.BOOLEAN);
        update.setObject(++i, feedbackRating, Types.SMALLINT);
        update.setObject(++i, Jdbc.utc(feedbackAt));
        update.setBoolean(++i, complaint);
        update.setObject(++i, termStartedOn);
        return i + 1;
    }

    /** The version the row has after an act written by {@link RequestRepository#saveAct}. */
    void savedAt(int newVersion) {
        this.version = newVersion;
    }

    /** The id the database gave the row {@link RequestRepository#insertReceived} wrote. */
    void stored(long id) {
        this.id = id;
    }

    /** The history row of the receipt; written once, right after {@link #receive}. */
    HistoryEntry receipt(String actor) {
        return new HistoryEntry(this, receivedAt, actor, HistoryEntry.SUBMIT, null, status, null, branchCode,
                null, true, Map.of("dueDate", dueDate.toString(), "channel", channel.wire()));
    }

    public HistoryEntry register(String actor, Instant at, String note) {
        return move(Action.REGISTER, actor, at, note, Map.of());
    }

    public HistoryEntry startWork(String actor, Instant at, String note) {
        return move(Action.START_WORK, actor, at, note, Map.of());
    }

    public HistoryEntry assignTo(String newAssignee, String actor, Instant at, String note) {
        guard(Action.ASSIGN);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assignee", newAssignee);
        if (assignee != null) {
            details.put("previousAssignee", assignee);
        }
        assignee = newAssignee;
        return move(Action.ASSIGN, actor, at, note, details);
    }

    /**
     * Sends the request to the competent branch. It stays open and unassigned there.
     *
     * @param late whether the forwarding term (3 working days after receipt) has passed
     */
    public HistoryEntry forwardTo(String targetBranch, boolean late, String actor, Instant at, String note) {
        guard(Action.FORWARD);
        if (targetBranch.equals(branchCode)) {
            throw new DomainRefusalException("forward-to-same-branch", "Forward to the same branch",
                    "targetBranch", "The request is already with branch " + branchCode + ".");
        }
        String from = branchCode;
        branchCode = targetBranch;
        assignee = null;
        forwardCount++;
        lateForward = lateForward || late;
        return record(Action.FORWARD, status, from, actor, at, note, Map.of("late", late));
    }

    /**
     * Moves the due date later, with a reason.
     *
     * @param limit the latest allowed due date: two months after receipt (APPC Art. 76)
     */
    public HistoryEntry extendDeadline(LocalDate newDueDate, LocalDate limit, String actor, Instant at, String reason) {
        guard(Action.EXTEND_DEADLINE);
        if (!newDueDate.isAfter(dueDate)) {
            throw new DomainRefusalException("extension-not-later", "Extension must be later",
                    "newDueDate", "The new due date must be after the current one (" + dueDate + ").");
        }
        if (newDueDate.isAfter(limit)) {
            throw new DomainRefusalException("extension-beyond-limit", "Extension beyond the statutory limit",
                    "newDueDate", "A deadline may not be extended beyond two months from receipt (" + limit + ").");
        }
        LocalDate previous = dueDate;
        dueDate = newDueDate;
        return move(Action.EXTEND_DEADLINE, actor, at, reason,
                Map.of("previousDueDate", previous.toString(), "dueDate", newDueDate.toString()));
    }

    /** Decides the request; the answer goes to the citizen in the history as the note of this act. */
    public HistoryEntry resolve(Outcome decision, String answerText, String actor, Instant at) {
        guard(Action.RESOLVE);
        outcome = decision;
        answer = answerText;
        resolvedAt = at;
        return move(Action.RESOLVE, actor, at, answerText, Map.of("outcome", decision.wire()));
    }

    /** Takes a resolved request back into work; the earlier decision and any answer to it stay in the history. */
    public HistoryEntry reopen(String actor, Instant at, String note) {
        guard(Action.REOPEN);
        Map<String, Object> details = Map.of("previousOutcome", outcome.wire());
        undoDecision();
        return move(Action.REOPEN, actor, at, note, details);
    }

    /** A reopened decision is no longer in force, nor is the citizen's answer to it; both stay in the history. */
    private void undoDecision() {
        reopenCount++;
        outcome = null;
        answer = null;
        resolvedAt = null;
        feedbackSatisfied = null;
        feedbackRating = null;
        feedbackAt = null;
    }

    /**
     * The citizen's answer to the decision, within {@code answerUntil}: satisfied or not, a
     * rating, a comment. The request stays resolved; the latest answer is kept.
     */
    HistoryEntry answer(boolean satisfied, Integer rating, String comment, Instant answerUntil, String actor, Instant at) {
        guard(Action.FEEDBACK);
        requireAnswerWindow(answerUntil, at);
        feedbackSatisfied = satisfied;
        feedbackRating = rating == null ? null : rating.shortValue();
        feedbackAt = at;
        return move(Action.FEEDBACK, actor, at, comment, answerDetails(satisfied, rating));
    }

    /**
     * A complaint (APPC Art. 91): the citizen is not satisfied and says why. The request is
     * reopened at {@code branchAbove} (a district branch's regional branch; a regional
     * branch's own head), unassigned, flagged, with its own term ending on {@code dueOn}.
     */
    HistoryEntry complain(String comment, Integer rating, String branchAbove, LocalDate startedOn, LocalDate dueOn,
                          Instant answerUntil, String actor, Instant at) {
        guard(Action.COMPLAINT);
        requireAnswerWindow(answerUntil, at);
        Map<String, Object> details = new java.util.HashMap<>(answerDetails(false, rating));
        details.put("previousOutcome", outcome.wire());
        String from = branchCode;
        undoDecision();
        complaint = true;
        termStartedOn = startedOn;
        branchCode = branchAbove;
        assignee = null;
        statutoryDueDate = dueOn;
        dueDate = dueOn;
        escalatedAt = null;
        return record(Action.COMPLAINT, status, from, actor, at, comment, details);
    }

    /** The citizen adds a comment to an open request: staff see it, and so does the citizen. */
    HistoryEntry followUp(String comment, String actor, Instant at) {
        return followUp(comment, actor, at, Map.of());
    }

    /** The same, with details such as the id the relaying integrator gave the comment. */
    HistoryEntry followUp(String comment, String actor, Instant at, Map<String, Object> details) {
        return move(Action.FOLLOW_UP, actor, at, comment, details);
    }

    private void requireAnswerWindow(Instant answerUntil, Instant at) {
        if (at.isAfter(answerUntil)) {
            throw new kz.citizenrequests.shared.ProblemException(409, "answer-window-closed", "Answer window closed",
                    "The decision could be answered until " + answerUntil + ".");
        }
    }

    private static Map<String, Object> answerDetails(boolean satisfied, Integer rating) {
        Map<String, Object> details = new java.util.HashMap<>();
        details.put("satisfied", satisfied);
        if (rating != null) {
            details.put("rating", rating);
        }
        return details;
    }

    public boolean isComplaint() {
        return complaint;
    }

    /** The day the current term is counted from: receipt, or the complaint that began a new one. */
    public LocalDate termStartedOn() {
        return termStartedOn != null ? termStartedOn : receivedOn();
    }

    /** The kind of term in force: the request's type, or a complaint's after one (APPC Art. 91). */
    public String termType() {
        return termStartedOn != null ? RequestType.COMPLAINT.wire() : type.wire();
    }

    public Boolean feedbackSatisfied() {
        return feedbackSatisfied;
    }

    public Integer feedbackRating() {
        return feedbackRating == null ? null : feedbackRating.intValue();
    }

    public boolean hasAnswer() {
        return feedbackAt != null;
    }

    public HistoryEntry close(String actor, Instant at, String note) {
        guard(Action.CLOSE);
        closedAt = at;
        return move(Action.CLOSE, actor, at, note, Map.of());
    }

    public HistoryEntry withdraw(String actor, Instant at, String note) {
        guard(Action.WITHDRAW);
        withdrawnAt = at;
        return move(Action.WITHDRAW, actor, at, note, Map.of());
    }

    /** An internal working note; changes nothing else. */
    public HistoryEntry comment(String actor, Instant at, String note) {
        return move(Action.COMMENT, actor, at, note, Map.of());
    }

    /**
     * The day after its due date an open request goes up, once: its branch head and its
     * regional branch are told, and reports count it. The system's act, not a client's.
     */
    HistoryEntry escalate(String actor, Instant at) {
        guard(Action.ESCALATE);
        if (escalatedAt != null) {
            throw new DomainRefusalException("already-escalated", "Already escalated", "action",
                    "The request was escalated at " + escalatedAt + ".");
        }
        escalatedAt = at;
        return move(Action.ESCALATE, actor, at, null, Map.of("dueDate", dueDate.toString()));
    }

    /**
     * A holiday declared after receipt moves the statutory due date; the due date in force
     * follows unless an extension already lies beyond it. The statutory date keeps its meaning:
     * the term the law gives, counted on the calendar as it now is.
     */
    HistoryEntry reschedule(LocalDate newStatutoryDueDate, String actor, Instant at, String reason) {
        guard(Action.RESCHEDULE);
        LocalDate previous = dueDate;
        LocalDate previousStatutory = statutoryDueDate;
        statutoryDueDate = newStatutoryDueDate;
        if (dueDate.isBefore(newStatutoryDueDate)) {
            dueDate = newStatutoryDueDate;
        }
        return move(Action.RESCHEDULE, actor, at, reason, Map.of("previousDueDate", previous.toString(),
                "dueDate", dueDate.toString(), "previousStatutoryDueDate", previousStatutory.toString(),
                "statutoryDueDate", newStatutoryDueDate.toString()));
    }

    public boolean isEscalated() {
        return escalatedAt != null;
    }

    private void guard(Action action) {
        if (!action.isAllowedFrom(status)) {
            throw new IllegalTransitionException(action, status);
        }
    }

    private HistoryEntry move(Action action, String actor, Instant at, String note, Map<String, Object> details) {
        return record(action, status, branchCode, actor, at, note, details);
    }

    private HistoryEntry record(Action action, RequestStatus from, String fromBranch, String actor, Instant at,
                                String note, Map<String, Object> details) {
        guard(action);
        status = action.targetFrom(from);
        updatedAt = at;
        return new HistoryEntry(this, at, actor, action.wire(), from, status, fromBranch, branchCode, note,
                action.isPublic(), details);
    }

    /** Open and past its due date, judged on {@code today} in Kazakhstan. */
    public boolean isOverdue(LocalDate today) {
        return isOverdue(status, dueDate, today);
    }

    /** {@link #isOverdue(LocalDate)} for a request read as a row of the queue, not as an entity. */
    static boolean isOverdue(RequestStatus status, LocalDate dueDate, LocalDate today) {
        return status.isOpen() && today.isAfter(dueDate);
    }

    /** Open, not overdue, and due by {@code dueSoonUntil} (the end of the warning term). */
    static boolean isDueSoon(RequestStatus status, LocalDate dueDate, LocalDate today, LocalDate dueSoonUntil) {
        return status.isOpen() && !isOverdue(status, dueDate, today) && !dueDate.isAfter(dueSoonUntil);
    }

    public LocalDate receivedOn() {
        return receivedAt.atZone(TimeConfig.KAZAKHSTAN).toLocalDate();
    }

    public Long id() {
        return id;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public String accessCodeHash() {
        return accessCodeHash;
    }

    public RequestType type() {
        return type;
    }

    public String categoryCode() {
        return categoryCode;
    }

    public String regionCode() {
        return regionCode;
    }

    public String districtCode() {
        return districtCode;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    public String address() {
        return address;
    }

    /** Where the problem is; null when the citizen gave no location. */
    public Location location() {
        return location;
    }

    public Language language() {
        return language;
    }

    public Channel channel() {
        return channel;
    }

    public boolean publicationConsent() {
        return publicationConsent;
    }

    /** The applicant: the request's personal data. */
    public Citizen citizen() {
        return citizen;
    }

    /** The citizen account that submitted the request with a token; null for anonymous submissions. */
    /** How many times a decision was taken back; the reports' reopen rate counts it. */
    public int reopenCount() {
        return reopenCount;
    }

    /** The api key of the Open311 integrator that filed the request, if one did. */
    public Long integratorKeyId() {
        return integratorKeyId;
    }

    /** The integrator's name at filing: it answers for the citizen's contact. */
    public String integrator() {
        return integrator;
    }

    public java.util.List<String> mediaUrls() {
        return mediaUrls == null ? java.util.List.of() : java.util.List.of(mediaUrls.split("\n"));
    }

    public String citizenAccount() {
        return citizenAccount;
    }

    public String branchCode() {
        return branchCode;
    }

    public String assignee() {
        return assignee;
    }

    public RequestStatus status() {
        return status;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String answer() {
        return answer;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public LocalDate statutoryDueDate() {
        return statutoryDueDate;
    }

    public int forwardCount() {
        return forwardCount;
    }

    public boolean lateForward() {
        return lateForward;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int version() {
        return version;
    }
}
