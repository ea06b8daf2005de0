package kz.citizenrequests.notifications;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.citizenrequests.casework.PublicAct;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the notifications a public act owes the citizen into the outbox, inside the act's
 * transaction: they commit with the act or not at all. An e-mail to the citizen's address and
 * an SMS to their phone, each when given. Every public act notifies except start_work, which
 * changes nothing the citizen has to know or do.
 */
@ApplicationScoped
class NotificationOutbox {

    static final Set<String> NOTIFYING = Set.of("submit", "register", "forward", "extend_deadline", "resolve",
            "reopen", "complaint", "close", "withdraw");

    private final NotificationRepository outbox;
    private final NotificationTexts texts;

    NotificationOutbox(NotificationRepository outbox, NotificationTexts texts) {
        this.outbox = outbox;
        this.texts = texts;
    }

    void on(@Observes PublicAct act) {
        if (!NOTIFYING.contains(act.action())) {
            return;
        }
        boolean email = present(act.email());
        boolean sms = present(act.phone());
        if (!email && !sms) {
            return;
        }
        // one rendering serves both: the SMS is the e-mail's subject and the link
        RenderedText mail = texts.email(act);
        List<Notification> owed = new ArrayList<>(2);
        if (email) {
            owed.add(owed(act, Notification.EMAIL, act.email().strip(), mail));
        }
        if (sms) {
            owed.add(owed(act, Notification.SMS, act.phone().strip(), texts.sms(act, mail)));
        }
        outbox.owe(owed);
    }

    private static Notification owed(PublicAct act, String channel, String recipient, RenderedText text) {
        return Notification.owed(act.historyId(), act.requestId(), act.trackingNumber(), channel, recipient,
                act.language().wire(), act.action(), text, act.at());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
