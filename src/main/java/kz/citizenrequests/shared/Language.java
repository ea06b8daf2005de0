package kz.citizenrequests.shared;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Language of the request; the answer is given in it. */
public enum Language implements WireValue {
    KK("kk", Locale.forLanguageTag("kk")),
    RU("ru", Locale.forLanguageTag("ru")),
    // English dates in the British order (29 November 2026), as Kazakhstan writes them
    EN("en", Locale.UK);

    private final String wire;
    private final Locale locale;
    private final DateTimeFormatter longDate;

    Language(String wire, Locale locale) {
        this.wire = wire;
        this.locale = locale;
        this.longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The locale of this language's dates and numbers. */
    public Locale locale() {
        return locale;
    }

    /**
     * A day as a letter in this language writes it (CLDR's long form): "29 ноября 2026 г.",
     * "2026 ж. 29 қараша", "29 November 2026". The one home of that form: the portal's
     * pages, the notifications and the answer templates all use it.
     */
    public String longDate(LocalDate day) {
        return longDate.format(day);
    }

    @Override
    public String toString() {
        return wire;
    }

    public static final class Converter extends WireValue.Converter<Language> {
        public Converter() {
            super(Language.class);
        }
    }
}
