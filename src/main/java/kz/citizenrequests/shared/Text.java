package kz.citizenrequests.shared;

/**
 * What text the service accepts anywhere a client sends it (JSON fields, form fields, query
 * parameters): Unicode characters that PostgreSQL can store and XML 1.0 can carry. Refused
 * are NUL and the other C0 controls except tab, line feed and carriage return, a surrogate
 * that is not part of a pair (it would be stored as '?'), the non-characters U+FFFE and U+FFFF,
 * and U+FFFD, which decoders put where the bytes sent were not UTF-8.
 */
public final class Text {

    private Text() {
    }

    /** Why the text cannot be accepted, or null when it can. */
    public static String refusal(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("must not contain control characters (found U+%04X)", (int) c);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate (invalid UTF-16)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate (invalid UTF-16)";
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return String.format("must not contain the non-character U+%04X", (int) c);
            }
            if (c == '\uFFFD') {
                // what a decoder puts in place of bytes that are not UTF-8 (a form or query with %FF, %ED%A0%80)
                return "must be valid UTF-8 (found U+FFFD, the mark of undecodable bytes)";
            }
        }
        return null;
    }

    /**
     * Line ends as one line feed: CR LF (what form encoding and Windows send) and a lone CR
     * become LF, so text is stored and answered the same whichever way it came (XML would
     * otherwise answer a CR as {@code &#xd;}). Applied where text enters: every JSON string
     * ({@link StrictJson}) and the Open311 forms.
     */
    public static String lineEnds(String value) {
        if (value == null || value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The number of characters (Unicode code points, not UTF-16 units or bytes) of a text. */
    public static int characters(String value) {
        return value == null ? 0 : value.codePointCount(0, value.length());
    }

    /** The value itself, or a 400 naming the field. */
    public static String checked(String field, String value) {
        String refusal = refusal(value);
        if (refusal != null) {
            throw new InvalidInputException(field, refusal);
        }
        return value;
    }
}
