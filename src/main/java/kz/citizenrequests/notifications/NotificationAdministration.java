package kz.citizenrequests.notifications;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.PersonalDataMask;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Administrators see the notifications parked as failed and send them again. */
@ApplicationScoped
@Transactional
public class NotificationAdministration {

    /** A notification as administrators see it: the recipient masked, the text left out. */
    @Schema(name = "Notification")
    public record NotificationView(long id, String trackingNumber,
                                   @Schema(enumeration = {"email", "sms"}) String channel,
                                   @Schema(description = "Masked: administrators see no personal data") String recipient,
                                   String action, String language,
                                   @Schema(enumeration = {"pending", "sent", "failed"}) String status,
                                   int attempts, @Schema(nullable = true) String lastError,
                                   Instant createdAt, Instant nextAttemptAt) {
        static NotificationView of(Notification notification) {
            return new NotificationView(notification.id(), notification.trackingNumber(), notification.channel(),
                    mask(notification.recipient()), notification.action(), notification.language(),
                    notification.status(), notification.attempts(), notification.lastError(),
                    notification.createdAt(), notification.nextAttemptAt());
        }

        private static String mask(String recipient) {
            String masked = PersonalDataMask.mask(recipient);
            // a recipient the mask does not recognise is still not shown
            return masked.equals(recipient) ? recipient.charAt(0) + "***" : masked;
        }
    }

    private final NotificationRepository outbox;
    private final Clock clock;

    NotificationAdministration(NotificationRepository outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NotificationView> failed(int page, int size) {
        return outbox.failed(page, size).stream().map(NotificationView::of).toList();
    }

    /** Back to pending, due now, with all its attempts again. */
    public NotificationView resend(long id) {
        Notification notification = outbox.findById(id);
        if (notification == null) {
            throw new NotificationNotFoundException();
        }
        if (!Notification.FAILED.equals(notification.status())) {
            throw new NotificationNotParkedException(notification.status());
        }
        notification.resend(clock.instant());
        return NotificationView.of(notification);
    }
}
