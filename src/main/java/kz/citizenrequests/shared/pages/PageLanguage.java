package kz.citizenrequests.shared.pages;

import jakarta.ws.rs.core.NewCookie;
import kz.citizenrequests.shared.Language;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which language a page speaks: the one just chosen with the switch ({@code lang}), else the
 * one remembered in the {@code lang} cookie, else the first of Kazakh, Russian and English in
 * the browser's {@code Accept-Language}, else Russian, the language most citizens read.
 */
public final class PageLanguage {

    public static final String COOKIE = "lang";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private PageLanguage() {
    }

    public static Language choose(String chosen, String remembered, String acceptLanguage) {
        return known(chosen).or(() -> known(remembered)).or(() -> preferred(acceptLanguage)).orElse(Language.RU);
    }

    /** Remembers the choice for a year; the cookie holds nothing but the language code. */
    public static NewCookie remember(Language language) {
        return new NewCookie.Builder(COOKIE).value(language.wire()).path("/").maxAge(ONE_YEAR)
                .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build();
    }

    public static Optional<Language> known(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Language language : Language.values()) {
            if (language.wire().equalsIgnoreCase(code.trim())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    private static Optional<Language> preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue;
            }
            String primary = range.getRange().split("-")[0];
            Optional<Language> language = known(primary);
            if (language.isPresent()) {
                return language;
            }
        }
        return Optional.empty();
    }
}
