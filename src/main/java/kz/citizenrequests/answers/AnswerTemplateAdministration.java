package kz.citizenrequests.answers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.Problem;
import kz.citizenrequests.shared.StaleVersionException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Administrators keep the answer templates: create, redefine at a known version, deactivate. */
@ApplicationScoped
@Transactional
public class AnswerTemplateAdministration {

    /** What an administrator defines; codes and texts already trimmed. */
    public record Definition(String category, Language language, String title, String body, boolean active) {
    }

    private final AnswerTemplates templates;
    private final ReferenceData reference;
    private final Clock clock;

    public AnswerTemplateAdministration(AnswerTemplates templates, ReferenceData reference, Clock clock) {
        this.templates = templates;
        this.reference = reference;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AnswerTemplate> list(String category, Language language, Boolean active) {
        return templates.matching(category, language, active);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AnswerTemplate get(long id) {
        return templates.findByIdOptional(id).orElseThrow(() -> new AnswerTemplateNotFoundException(id));
    }

    public AnswerTemplate create(Definition definition) {
        check(definition);
        AnswerTemplate template = new AnswerTemplate(clock.instant());
        define(template, definition);
        templates.persist(template);
        templates.flush();
        return template;
    }

    /** Redefines the template read at {@code expectedVersion}; 412 when it changed since. */
    public AnswerTemplate redefine(long id, int expectedVersion, Definition definition) {
        AnswerTemplate template = get(id);
        if (template.version() != expectedVersion) {
            throw new StaleVersionException("The answer template");
        }
        check(definition);
        define(template, definition);
        // the version moves now, so that the ETag answered is the one stored
        templates.flush();
        return template;
    }

    /** Takes the template out of the staff's drafts; it stays listed here and a redefinition brings it back. */
    AnswerTemplate deactivate(long id) {
        AnswerTemplate template = get(id);
        template.deactivate(clock.instant());
        templates.flush();
        return template;
    }

    private void define(AnswerTemplate template, Definition d) {
        template.define(d.category(), d.language(), d.title(), d.body(), d.active(), clock.instant());
    }

    /** The rules the annotations cannot say: a known category, known placeholders only. One 400 names both. */
    private void check(Definition definition) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (definition.category() != null && reference.categoryEvenIfRetired(definition.category()).isEmpty()) {
            errors.add(new Problem.FieldError("category", "unknown category code; omit it for any category"));
        }
        List<String> unknown = Placeholder.unknownIn(definition.body());
        if (!unknown.isEmpty()) {
            errors.add(new Problem.FieldError("body", Placeholder.refusal(unknown)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
