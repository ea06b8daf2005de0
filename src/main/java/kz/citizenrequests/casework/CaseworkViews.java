package kz.citizenrequests.casework;

import kz.citizenrequests.shared.BranchRef;

import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.RequestType;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the casework endpoints answer. */
public final class CaseworkViews {

    private CaseworkViews() {
    }

    @Schema(name = "Citizen", description = "The applicant. Personal data.")
    public record CitizenView(String fullName, @Schema(nullable = true) String iin,
                              @Schema(nullable = true) String phone, @Schema(nullable = true) String email,
                              @Schema(nullable = true, description = "When an Open311 integrator filed the request: "
                                      + "its name. The integrator answers for the contact (phone and e-mail may both "
                                      + "be missing) and relays the answers to the citizen.", examples = "FixMyStreet Astana")
                              String contactThrough) {
    }

    @Schema(name = "Location")
    public record LocationView(BigDecimal latitude, BigDecimal longitude) {
    }

    /** The staff view: everything, with the version that {@code If-Match} must carry. */
    @Schema(name = "Request")
    public record RequestView(
            String trackingNumber,
            RequestType type,
            @Schema(examples = "housing_utilities") String category,
            @Schema(examples = "KZ-71") String region,
            @Schema(nullable = true) String district,
            String subject,
            String description,
            @Schema(nullable = true) String address,
            @Schema(nullable = true) LocationView location,
            Language language,
            Channel channel,
            boolean publicationConsent,
            CitizenView citizen,
            BranchRef branch,
            @Schema(nullable = true) String assignee,
            RequestStatus status,
            @Schema(nullable = true) Outcome outcome,
            @Schema(nullable = true) String answer,
            @Schema(description = "Links to the citizen's photos (Open311 media_url); not fetched by the service")
            List<String> mediaUrls,
            Instant receivedAt,
            LocalDate dueDate,
            @Schema(description = "The due date before any extension") LocalDate statutoryDueDate,
            boolean overdue,
            int forwardCount,
            @Schema(description = "Forwarded later than 3 working days after receipt") boolean lateForward,
            @Schema(nullable = true) Instant resolvedAt,
            @Schema(nullable = true) Instant closedAt,
            @Schema(nullable = true) Instant withdrawnAt,
            @Schema(description = "Escalated after its due date passed while open") boolean escalated,
            @Schema(description = "Reopened on the citizen's complaint (APPC Art. 91)") boolean complaint,
            @Schema(nullable = true, description = "The citizen's answer to the decision in force") Boolean citizenSatisfied,
            @Schema(nullable = true, description = "The citizen's rating of it, 1 to 5") Integer citizenRating,
            Instant updatedAt,
            @Schema(description = "Send it back in If-Match to act on this request") int version,
            @Schema(description = "The acts the caller may perform now, by the lifecycle table (Action) for this "
                    + "status and the caller's role; any other act is refused") List<Action> allowedActions,
            @Schema(nullable = true, description = "While open: the latest due date an extension may set "
                    + "(two months from receipt, APPC Art. 76)") LocalDate extensionLimit) {
    }

    /** What the citizen sees with the tracking number and access code: no internal notes, no staff names. */
    @Schema(name = "CitizenRequest")
    public record CitizenRequestView(
            String trackingNumber,
            RequestType type,
            String category,
            String subject,
            RequestStatus status,
            BranchRef branch,
            Instant receivedAt,
            LocalDate dueDate,
            @Schema(description = "The due date before any extension; the extension's reason is in the history")
            LocalDate statutoryDueDate,
            @Schema(nullable = true) Outcome outcome,
            @Schema(nullable = true) String answer,
            @Schema(nullable = true) Instant resolvedAt,
            @Schema(nullable = true) Instant closedAt,
            @Schema(nullable = true, description = "While resolved: until when the citizen may answer the decision "
                    + "(POST a transition with action feedback); afterwards the request closes by itself")
            Instant answerUntil,
            @Schema(description = "Reopened on the citizen's complaint") boolean complaint,
            List<PublicHistoryView> history) {
    }

    @Schema(name = "PublicHistoryEntry")
    public record PublicHistoryView(
            Instant at,
            @Schema(examples = "register") String action,
            @Schema(nullable = true) RequestStatus fromStatus,
            RequestStatus toStatus,
            @Schema(description = "Branch holding the request after the act") String branch,
            @Schema(nullable = true) String note) {

        static PublicHistoryView of(HistoryEntry entry) {
            return new PublicHistoryView(entry.at(), entry.action(),
                    entry.fromStatus() == null ? null : RequestStatus.valueOf(entry.fromStatus()),
                    RequestStatus.valueOf(entry.toStatus()), entry.toBranch(), entry.note());
        }
    }

    @Schema(name = "HistoryEntry")
    public record HistoryView(
            long id,
            Instant at,
            String actor,
            @Schema(examples = "forward") String action,
            @Schema(nullable = true) RequestStatus fromStatus,
            RequestStatus toStatus,
            @Schema(nullable = true) String fromBranch,
            String toBranch,
            @Schema(nullable = true) String note,
            @Schema(description = "Shown to the citizen") boolean visibleToCitizen,
            Map<String, Object> details) {

        static HistoryView of(HistoryEntry entry) {
            return new HistoryView(entry.id(), entry.at(), entry.actor(), entry.action(),
                    entry.fromStatus() == null ? null : RequestStatus.valueOf(entry.fromStatus()),
                    RequestStatus.valueOf(entry.toStatus()), entry.fromBranch(), entry.toBranch(), entry.note(),
                    entry.isPublic(), entry.details());
        }
    }

    @Schema(name = "QueueItem")
    public record QueueItemView(
            String trackingNumber,
            RequestType type,
            String category,
            String region,
            @Schema(nullable = true) String district,
            String subject,
            RequestStatus status,
            String branch,
            @Schema(nullable = true) String assignee,
            Instant receivedAt,
            LocalDate dueDate,
            boolean overdue,
            @Schema(description = "Open, not overdue, and due within the warning term (3 working days by default)")
            boolean dueSoon,
            @Schema(description = "Escalated the day after its due date passed while open") boolean escalated,
            @Schema(description = "The applicant's name") String citizenName,
            @Schema(nullable = true, description = "Masked; open the request to see it", examples = "9001********")
            String citizenIin,
            int version) {
    }

    @Schema(name = "QueuePage")
    public record QueuePage(
            List<QueueItemView> items,
            int page,
            int size,
            @Schema(description = "Whether a next page exists") boolean hasNext) {
    }

    @Schema(name = "QueueTallies")
    public record QueueTallies(
            @Schema(description = "Requests per status, for the statuses that still need staff") Map<RequestStatus, Long> byStatus,
            @Schema(description = "Open and past their due date") long overdue,
            @Schema(description = "Open, not overdue, due within the warning term") long dueSoon) {
    }
}
