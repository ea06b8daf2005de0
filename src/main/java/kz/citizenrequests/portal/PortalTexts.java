package kz.citizenrequests.portal;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The portal's words in Kazakh, Russian and English, read once from {@code portal/texts_*.properties}. */
@ApplicationScoped
public class PortalTexts {

    private final Map<Language, Texts> byLanguage = new EnumMap<>(Language.class);

    public PortalTexts() {
        for (Language language : Language.values()) {
            byLanguage.put(language, new Texts(language, read(language)));
        }
    }

    public Texts in(Language language) {
        return byLanguage.get(language);
    }

    static Map<String, String> read(Language language) {
        String name = "portal/texts_" + language.wire() + ".properties";
        try (InputStream in = PortalTexts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name);
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> words = new HashMap<>();
            properties.stringPropertyNames().forEach(key -> words.put(key, properties.getProperty(key)));
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + name + " failed", e);
        }
    }
}
