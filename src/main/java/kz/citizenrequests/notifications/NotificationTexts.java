package kz.citizenrequests.notifications;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.casework.PublicAct;
import kz.citizenrequests.reference.Branch;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.Language;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The texts of the notifications, from the templates in templates/notifications (one per
 * language; the first line of what a template renders is the subject). They tell the tracking
 * number, what happened, and link to the request's public page; they never carry the access
 * code, personal data or an internal note (a public act's note is public).
 */
@ApplicationScoped
class NotificationTexts {

    /** What a template is given about the act. */
    record Act(String action, String trackingNumber, String branch, String dueDate, String note, String link) {
    }

    @CheckedTemplate(basePath = "notifications")
    static class Templates {
        static native TemplateInstance kk(Act act);

        static native TemplateInstance ru(Act act);

        static native TemplateInstance en(Act act);
    }

    private final ReferenceData reference;
    private final String publicUrl;

    NotificationTexts(ReferenceData reference, @ConfigProperty(name = "citizen-requests.public-url") String publicUrl) {
        this.reference = reference;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The e-mail: subject and full text. */
    RenderedText email(PublicAct act) {
        String rendered = template(act).render();
        int end = rendered.indexOf('\n');
        return new RenderedText(rendered.substring(0, end).strip(), rendered.substring(end + 1).strip() + "\n");
    }

    /**
     * The SMS: the subject of the act's e-mail (rendered once for both) as a sentence and the
     * link, short enough for two or three segments.
     */
    RenderedText sms(PublicAct act, RenderedText email) {
        String subject = email.subject();
        // a Russian date ends with its own full stop ("15 декабря 2026 г."); the Russian template adds none
        String sentence = subject.endsWith(".") ? subject : subject + ".";
        return new RenderedText(subject, sentence + " " + link(act.trackingNumber()));
    }

    private TemplateInstance template(PublicAct act) {
        Language language = act.language();
        String branch = reference.branchEvenIfRetired(act.branchCode()).map(Branch::names)
                .map(names -> names.in(language.wire())).orElse(act.branchCode());
        String dueDate = act.dueDate() == null ? "" : language.longDate(act.dueDate());
        // a decision's note is the answer itself: it is read on the request's page, not copied
        // into mail and SMS, where it would stay in inboxes with whatever names it mentions
        String note = act.note() == null || act.note().isBlank() || "resolve".equals(act.action()) ? null
                : act.note().strip();
        Act data = new Act(act.action(), act.trackingNumber(), branch, dueDate, note, link(act.trackingNumber()));
        return switch (language) {
            case KK -> Templates.kk(data);
            case RU -> Templates.ru(data);
            case EN -> Templates.en(data);
        };
    }

    private String link(String trackingNumber) {
        return publicUrl + "/follow?number=" + URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8);
    }
}
