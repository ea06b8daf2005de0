package kz.citizenrequests.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The catalogue of hostile values, by family (what each attacks). A value is text (encoded
 * for wherever it goes: a JSON string, a percent-encoded query or form value, header bytes),
 * bytes already percent-encoded for a URL or form, or a raw JSON fragment.
 */
final class HostileValues {

    enum Form {
        /** Characters, encoded for the place they are put. */
        TEXT,
        /** Already percent-encoded, sent as is in a path, query or form. */
        WIRE,
        /** A raw JSON fragment put where a body field's value goes. */
        JSON,
        /** The field or parameter left out. */
        ABSENT,
        /** The field or parameter sent twice: first its valid value, then this one (text or JSON). */
        REPEATED
    }

    /** What a JSON fragment is, so that a case knows whether the document allows it. */
    enum JsonKind { STRING, INTEGER, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT, MALFORMED }

    record Value(String family, String shown, Form form, String content, JsonKind kind) {

        static Value text(String family, String content) {
            return new Value(family, HostileValues.shown(content), Form.TEXT, content, JsonKind.STRING);
        }

        static Value wire(String family, String content) {
            return new Value(family, "raw " + content, Form.WIRE, content, JsonKind.MALFORMED);
        }

        static Value json(String family, String fragment, JsonKind kind) {
            return new Value(family, "JSON " + HostileValues.shown(fragment), Form.JSON, fragment, kind);
        }
    }

    private HostileValues() {
    }

    static List<Value> empty() {
        return texts("empty", "", "   ", "\t", "\n");
    }

    /** C0 controls other than tab, line feed and carriage return cannot be stored or written as XML 1.0. */
    static List<Value> controlCharacters(boolean forHeader) {
        List<Value> values = new ArrayList<>(texts("control character", "a\u0000b", "\u0001", "note\u0007bell",
                "\u001b[31mred\u001b[0m", "back\bspace", "\u000b\u000c", "x\u001fy", "del\u007f", "next\u0085line", "csi\u009b"));
        if (!forHeader) {
            values.add(Value.text("control character", "line\r\nbreak"));
        }
        return values;
    }

    static List<Value> loneSurrogates() {
        return texts("lone surrogate", "\ud800", "x\udc00y", "\udbff\udbff", "\udfff\ud800", "end\ud83d");
    }

    static List<Value> unicode() {
        return texts("unicode", "\ufeffbom", "\uffff", "\ufffe", "\u202etxt.exe", "zero\u200bwidth", "\ud83d\ude00 emoji",
                "e" + "\u0301".repeat(60), "Сәлем, әлем! Қазақстан", "\ufdd0", "\ud835\udd4f", "nbsp\u00a0", "\u2028\u2029");
    }

    static List<Value> injection() {
        return texts("injection", "' OR '1'='1' --", "'; DROP TABLE requests; --", "<script>alert(1)</script>",
                "]]><x/>&amp;", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;", "${jndi:ldap://example.invalid/a}",
                "#{7*7}{{7*7}}", "%s%s%s%n%x", "../../../../etc/passwd", "\\\\host\\share", "\"quoted\"", "null", "undefined",
                "{}", "*", "%", "_", "a,b,c", "; rm -rf /");
    }

    /** Longer than any limit: each length crosses one (100, 200, 500, 4000, 8000 characters, then 64 KiB). */
    static List<Value> oversized(Random random, int... lengths) {
        List<Value> values = new ArrayList<>();
        for (int length : lengths) {
            values.add(new Value("oversized", length + " characters", Form.TEXT, letters(random, length), JsonKind.STRING));
        }
        return values;
    }

    static List<Value> numbers() {
        return texts("number", "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809",
                "1e309", "-1e309", "NaN", "Infinity", "0x1A", "1.5", "1e3", "+7", " 7 ", "\u0663", "007",
                "99999999999999999999999999999", "1_000", "-0");
    }

    static List<Value> dates() {
        return texts("date", "2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "0001-01-01", "-4714-01-01",
                "+999999999-12-31", "-999999999-01-01", "+5874898-01-01", "9999-12-31", "+10000-01-01", "10000-01-01",
                "1582-10-10", "1900-01-01", "1969-12-31", "2038-01-19", "2100-12-31", "2101-01-01", "1999-12-31",
                "2024-02-29", "2025-02-29", "2026-01-01T00:00:00Z", "20260101", "2026-1-1", "2026-W01-1", "2026-001",
                "today", " 2026-01-01", "2026-01-01 ", "\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0661");
    }

    static List<Value> dateTimes() {
        return texts("date-time", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59+14:00", "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00+18:00",
                "2026-01-01T00:00:00-18:00", "2026-01-01T00:00:00+19:00", "2026-01-01T00:00:00", "2026-01-01",
                "1970-01-01T00:00:00Z", "2026-01-01T00:00:00.9999999999999Z", "2026-01-01t00:00:00z",
                "+5874898-01-01T00:00:00Z", "2026-02-30T10:00:00+05:00", "1582-10-10T00:00:00Z", "2026-01-01T00:00:00 +05:00");
    }

    static List<Value> booleans() {
        return texts("boolean", "yes", "1", "TRUE", "tru", "false ", "on", "null");
    }

    /** Near misses of an enumeration: wrong case, padding, a Cyrillic look-alike, a list. */
    static List<Value> enumerationMisses(List<String> allowed) {
        String first = allowed.get(0);
        return texts("enumeration", first.toUpperCase(Locale.ROOT).equals(first)
                        ? first.toLowerCase(Locale.ROOT) : first.toUpperCase(Locale.ROOT),
                " " + first + " ", first + "x", first.replace('a', '\u0430').replace('e', '\u0435').replace('o', '\u043e'),
                String.join(",", allowed), "unknown");
    }

    /** Percent-encoding a decoder must refuse or survive: broken escapes, encoded surrogates, overlong forms. */
    static List<Value> percentEncoding() {
        return List.of(Value.wire("percent-encoding", "%"), Value.wire("percent-encoding", "%zz"),
                Value.wire("percent-encoding", "%0"), Value.wire("percent-encoding", "%ED%A0%80"),
                Value.wire("percent-encoding", "%FF%FE"), Value.wire("percent-encoding", "%C0%AF"),
                Value.wire("percent-encoding", "%2F..%2F..%2F"), Value.wire("percent-encoding", "%u0041"),
                Value.wire("percent-encoding", "%E2%80%AE"), Value.wire("percent-encoding", "%0D%0AX-Injected:%201"),
                Value.wire("percent-encoding", "a&b=c"), Value.wire("percent-encoding", "+"),
                Value.wire("percent-encoding", "%00"), Value.wire("percent-encoding", "%25%30%30"));
    }

    /** Values of the wrong JSON type for a field whose schema type is {@code type}. */
    static List<Value> wrongJsonTypes(String type) {
        List<Value> values = new ArrayList<>();
        if (!type.equals("string")) {
            values.add(Value.json("wrong JSON type", "\"text\"", JsonKind.STRING));
            values.add(Value.json("wrong JSON type", "\"\"", JsonKind.STRING));
            values.add(Value.json("wrong JSON type", "\"1\"", JsonKind.STRING));
            values.add(Value.json("wrong JSON type", "\"true\"", JsonKind.STRING));
            values.add(Value.json("wrong JSON type", "\"   \"", JsonKind.STRING));
            values.add(Value.json("wrong JSON type", "\"\\u0000\"", JsonKind.STRING));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            values.add(Value.json("wrong JSON type", "42", JsonKind.INTEGER));
            values.add(Value.json("wrong JSON type", "-1", JsonKind.INTEGER));
            values.add(Value.json("wrong JSON type", "1.5", JsonKind.NUMBER));
            values.add(Value.json("wrong JSON type", "0", JsonKind.INTEGER));
        }
        if (!type.equals("boolean")) {
            values.add(Value.json("wrong JSON type", "true", JsonKind.BOOLEAN));
            values.add(Value.json("wrong JSON type", "false", JsonKind.BOOLEAN));
        }
        if (!type.equals("array")) {
            values.add(Value.json("wrong JSON type", "[]", JsonKind.ARRAY));
            values.add(Value.json("wrong JSON type", "[\"x\"]", JsonKind.ARRAY));
        }
        if (!type.equals("object")) {
            values.add(Value.json("wrong JSON type", "{}", JsonKind.OBJECT));
            values.add(Value.json("wrong JSON type", "{\"x\":1}", JsonKind.OBJECT));
        }
        return values;
    }

    /** Numbers at and past the edges of every numeric type, and exponents no decoder should expand. */
    static List<Value> jsonNumbers() {
        List<Value> values = new ArrayList<>();
        for (String n : List.of("1e400", "-1e400", "1e-400", "-0.0", "123456789012345678901234567890", "9223372036854775808",
                "-9223372036854775809", "2147483648", "-2147483649", "1e99999999", "0.1e-99999999", "4.9e-324")) {
            values.add(Value.json("JSON number", n, n.contains(".") || n.contains("e") ? JsonKind.NUMBER : JsonKind.INTEGER));
        }
        values.add(Value.json("JSON number", "1" + "0".repeat(1500), JsonKind.INTEGER));
        values.add(Value.json("JSON number", "0." + "3".repeat(1500), JsonKind.NUMBER));
        return values;
    }

    static List<Value> malformedJson() {
        List<Value> values = new ArrayList<>();
        for (String fragment : List.of("NaN", "Infinity", "-Infinity", "'single'", "0x10", "01", ".5", "+1", "tru", "undefined",
                "\"raw\u0001control\"", "\"unterminated", "\"bad \\x41 escape\"", "[1,]", "{\"a\"}")) {
            values.add(Value.json("malformed JSON", fragment, JsonKind.MALFORMED));
        }
        return values;
    }

    static List<Value> nesting() {
        return List.of(Value.json("nesting", "[".repeat(5000) + "]".repeat(5000), JsonKind.ARRAY),
                Value.json("nesting", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), JsonKind.OBJECT));
    }

    static List<Value> structure(boolean json) {
        List<Value> values = new ArrayList<>();
        values.add(new Value("missing", "left out", Form.ABSENT, null, null));
        if (json) {
            values.add(Value.json("null", "null", JsonKind.NULL));
            values.add(new Value("duplicate", "sent twice, second time as JSON 42", Form.REPEATED, "42", JsonKind.INTEGER));
            values.add(new Value("duplicate", "sent twice, second time as JSON \"other\"", Form.REPEATED, "\"other\"", JsonKind.STRING));
        } else {
            values.add(new Value("duplicate", "sent twice, second time empty", Form.REPEATED, "", JsonKind.STRING));
            values.add(new Value("duplicate", "sent twice, second time \\u0001", Form.REPEATED, "\u0001", JsonKind.STRING));
        }
        return values;
    }

    /** Whether a text holds what no text input should accept: C0 controls other than tab, LF, CR, or a lone surrogate. */
    static boolean unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Escapes for reading: control characters, surrogates and other invisibles as \\uXXXX, long values cut. */
    static String shown(String value) {
        return escaped(value, 60);
    }

    static String escaped(String value, int limit) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        String cut = value.length() > limit ? value.substring(0, limit * 2 / 3) : value;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) || (c >= 0x2028 && c <= 0x202e)
                    || c == 0x200b || c == 0xfeff || c >= 0xfdd0 && c <= 0xfdef || c >= 0xfffe) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return "\"" + out + "\"";
    }

    private static List<Value> texts(String family, String... contents) {
        List<Value> values = new ArrayList<>();
        for (String content : contents) {
            values.add(Value.text(family, content));
        }
        return values;
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі";

    private static String letters(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        text.append('x');
        while (text.length() < length) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
