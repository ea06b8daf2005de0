package kz.citizenrequests.portal;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.pages.Texts;

import java.util.EnumMap;
import java.util.Map;

/** The portal's words in Kazakh, Russian and English, read once from {@code portal/texts_*.properties}. */
@ApplicationScoped
public class PortalTexts {

    private final Map<Language, Texts> byLanguage = new EnumMap<>(Language.class);

    public PortalTexts() {
        for (Language language : Language.values()) {
            byLanguage.put(language, Texts.read("portal", language));
        }
    }

    public Texts in(Language language) {
        return byLanguage.get(language);
    }
}
