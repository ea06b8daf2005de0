package kz.citizenrequests.answers;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.Language;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
class AnswerTemplates implements PanacheRepository<AnswerTemplate> {

    /** The administrators' list: any filter may be null. General templates first, then by category. */
    List<AnswerTemplate> matching(String category, Language language, Boolean active) {
        StringBuilder where = new StringBuilder("from AnswerTemplate t where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (category != null) {
            where.append(" and t.categoryCode = :category");
            parameters.put("category", category);
        }
        if (language != null) {
            where.append(" and t.language = :language");
            parameters.put("language", language);
        }
        if (active != null) {
            where.append(" and t.active = :active");
            parameters.put("active", active);
        }
        where.append(" order by t.categoryCode nulls first, t.language, t.title, t.id");
        return list(where.toString(), parameters);
    }

    /** What staff are offered (index answer_templates_offered): the category's own templates first. */
    List<AnswerTemplate> offered(String category, Language language) {
        return list("from AnswerTemplate t where t.active = true and t.language = :language"
                        + " and (t.categoryCode = :category or t.categoryCode is null)"
                        + " order by t.categoryCode nulls last, t.title, t.id",
                Map.of("language", language, "category", category));
    }
}
