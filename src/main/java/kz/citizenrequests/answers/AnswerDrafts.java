package kz.citizenrequests.answers;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.casework.CaseworkService;
import kz.citizenrequests.casework.CaseworkService.AnswerFacts;
import kz.citizenrequests.casework.CaseworkService.Performer;
import kz.citizenrequests.reference.Branch;
import kz.citizenrequests.reference.Category;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.Language;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Drafts of an answer for staff: the active templates of the request's category (and those
 * for any category) in one language, filled from the request. The request is read through
 * casework, which lets only staff of its branch see it; nothing here is logged.
 */
@ApplicationScoped
public class AnswerDrafts {

    /** A template and its text for one request. */
    public record Draft(AnswerTemplate template, String text) {
    }

    private final CaseworkService casework;
    private final AnswerTemplates templates;
    private final ReferenceData reference;

    public AnswerDrafts(CaseworkService casework, AnswerTemplates templates, ReferenceData reference) {
        this.casework = casework;
        this.templates = templates;
        this.reference = reference;
    }

    /** {@code language} null: the request's own language. */
    public List<Draft> forRequest(String trackingNumber, Language language, Performer staff) {
        AnswerFacts facts = casework.answerFacts(trackingNumber, staff);
        Language in = language != null ? language : facts.language() != null ? facts.language() : Language.RU;
        Map<Placeholder, String> values = values(facts, in);
        return templates.offered(facts.categoryCode(), in).stream()
                .map(t -> new Draft(t, Placeholder.fill(t.body(), values)))
                .toList();
    }

    private Map<Placeholder, String> values(AnswerFacts facts, Language in) {
        Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
        values.put(Placeholder.TRACKING_NUMBER, facts.trackingNumber());
        values.put(Placeholder.RECEIVED_ON, in.longDate(facts.receivedOn()));
        values.put(Placeholder.DUE_ON, in.longDate(facts.dueOn()));
        values.put(Placeholder.TODAY, in.longDate(facts.today()));
        values.put(Placeholder.BRANCH, reference.branchEvenIfRetired(facts.branchCode()).map(Branch::names)
                .map(names -> names.in(in.wire())).orElse(facts.branchCode()));
        values.put(Placeholder.CATEGORY, reference.categoryEvenIfRetired(facts.categoryCode()).map(Category::names)
                .map(names -> names.in(in.wire())).orElse(facts.categoryCode()));
        return values;
    }
}
