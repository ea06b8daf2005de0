package kz.citizenrequests.shared.pages;

import io.quarkus.qute.TemplateExtension;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.TimeConfig;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * A set of pages' words in one language, with the local forms of dates and numbers. Templates
 * read a word as {@code {t.key}}; a key that the bundle lacks stops the page with an error,
 * so no page can fall back to another language unnoticed.
 */
public final class Texts {

    private final String bundle;
    private final Language language;
    private final Locale locale;
    private final Map<String, String> words;
    private final Words wordsOf = new Words(this);
    private final DateTimeFormatter dateTime;

    public Texts(String bundle, Language language, Map<String, String> words) {
        this.bundle = bundle;
        this.language = language;
        this.locale = language.locale();
        this.words = Map.copyOf(words);
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(TimeConfig.KAZAKHSTAN);
    }

    public Language language() {
        return language;
    }

    /** The language tag for {@code <html lang>}. */
    public String lang() {
        return language.wire();
    }

    public String get(String key) {
        String word = words.get(key);
        if (word == null) {
            throw new IllegalStateException("The " + language.wire() + " words of " + bundle + " lack the key " + key);
        }
        return word;
    }

    /** The word with {0} replaced by the argument. */
    public String format(String key, Object first) {
        return get(key).replace("{0}", String.valueOf(first));
    }

    /** The word with {0} and {1} replaced by the arguments. */
    public String format(String key, Object first, Object second) {
        return format(key, first).replace("{1}", String.valueOf(second));
    }

    public String date(LocalDate day) {
        return day == null ? "" : language.longDate(day);
    }

    public String dateTime(Instant at) {
        return at == null ? "" : dateTime.format(at);
    }

    public String number(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A rate from 0 to 1 as a percentage with one decimal, or the words for "not measured". */
    public String percent(Double rate) {
        if (rate == null) {
            return get("figures_none");
        }
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(1);
        percent.setMinimumFractionDigits(1);
        return percent.format(rate);
    }

    /**
     * A wait in words, rounded up to whole minutes below an hour and to whole hours above:
     * "in 3 hours", "через 3 часа", "3 сағаттан кейін".
     */
    public String waitOf(long seconds) {
        long minutes = Math.max(1, (seconds + 59) / 60);
        if (minutes < 60) {
            return format("duration_minute_" + pluralForm(minutes), minutes);
        }
        long hours = (minutes + 59) / 60;
        return format("duration_hour_" + pluralForm(hours), hours);
    }

    /** CLDR's plural categories, reduced to the three forms the bundles carry: one, few, many. */
    private String pluralForm(long n) {
        return switch (language) {
            case RU -> n % 10 == 1 && n % 100 != 11 ? "one"
                    : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? "few" : "many";
            case EN -> n == 1 ? "one" : "many";
            case KK -> "many";
        };
    }

    /** The words alone, for templates: {@code {page.w.home_title}}. */
    public Words words() {
        return wordsOf;
    }

    /** The words of one language as templates read them; a key that the bundle lacks stops the page. */
    public static final class Words {

        private final Texts texts;

        Words(Texts texts) {
            this.texts = texts;
        }

        /** {@code {w.home_title}} in a template: the word for that key. */
        @TemplateExtension(matchName = TemplateExtension.ANY)
        static String word(Words words, String key) {
            return words.texts.get(key);
        }
    }

    /** Reads {@code <bundle>/texts_<language>.properties} from the class path, in UTF-8. */
    public static Texts read(String bundle, Language language) {
        return new Texts(bundle, language, readWords(bundle, language));
    }

    /** The words of {@code <bundle>/texts_<language>.properties}, key by key. */
    public static Map<String, String> readWords(String bundle, Language language) {
        String name = bundle + "/texts_" + language.wire() + ".properties";
        try (java.io.InputStream in = Texts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name);
            }
            java.util.Properties properties = new java.util.Properties();
            try (java.io.Reader reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> words = new java.util.HashMap<>();
            properties.stringPropertyNames().forEach(key -> words.put(key, properties.getProperty(key)));
            return words;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Reading " + name + " failed", e);
        }
    }
}
