package kz.citizenrequests.workbench;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.pages.Texts;

import java.util.EnumMap;
import java.util.Map;

/** The workbench's words in Kazakh, Russian and English, read once from {@code workbench/texts_*.properties}. */
@ApplicationScoped
public class WorkbenchTexts {

    private final Map<Language, Texts> byLanguage = new EnumMap<>(Language.class);

    public WorkbenchTexts() {
        for (Language language : Language.values()) {
            byLanguage.put(language, Texts.read("workbench", language));
        }
    }

    public Texts in(Language language) {
        return byLanguage.get(language);
    }
}
