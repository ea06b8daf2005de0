package kz.citizenrequests.answers;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a template may say about the request it answers, written {@code {name}} in its body.
 * These are facts of the case, never of the person: there is no placeholder for the
 * citizen's name, IIN, phone, e-mail or address. The answer is sent to the citizen, but a
 * template is a shared text that staff copy, edit and paste, and personal data kept out of
 * it cannot leak through it; staff add a salutation by hand when they want one.
 */
enum Placeholder {
    /** The request's tracking number, e.g. AST-2026-000123. */
    TRACKING_NUMBER("tracking_number"),
    /** The day the request was received (Kazakhstan time), in the template's language. */
    RECEIVED_ON("received_on"),
    /** The due date in force (an extension moves it), in the template's language. */
    DUE_ON("due_on"),
    /** The name of the branch that holds the request, in the template's language. */
    BRANCH("branch"),
    /** The name of the request's category, in the template's language. */
    CATEGORY("category"),
    /** The day the draft is drawn (Kazakhstan time), in the template's language. */
    TODAY("today");

    /** A placeholder as written: a name between braces, no brace inside. */
    private static final Pattern WRITTEN = Pattern.compile("\\{([^{}]*)}");

    /** Names a writer may reach for that this service never fills: the citizen's personal data. */
    private static final Set<String> PERSONAL = Set.of("name", "full_name", "fullname", "first_name", "last_name",
            "citizen", "applicant", "iin", "phone", "email", "e_mail", "address");

    private final String written;

    Placeholder(String written) {
        this.written = written;
    }

    String written() {
        return written;
    }

    static Optional<Placeholder> named(String name) {
        return Arrays.stream(values()).filter(p -> p.written.equals(name)).findFirst();
    }

    /** The names between braces in {@code body} that are not placeholders, each once, in order of appearance. */
    static List<String> unknownIn(String body) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = WRITTEN.matcher(body);
        while (matcher.find()) {
            if (named(matcher.group(1)).isEmpty()) {
                unknown.add(matcher.group(1));
            }
        }
        return List.copyOf(unknown);
    }

    /** Why a body with these unknown names is refused: the names, what is allowed, and a word on personal data. */
    static String refusal(List<String> unknown) {
        String names = unknown.stream().map(n -> "{" + n + "}").collect(Collectors.joining(", "));
        String allowed = Arrays.stream(values()).map(p -> "{" + p.written + "}").collect(Collectors.joining(", "));
        String message = "unknown placeholders " + names + "; a template may use " + allowed;
        boolean personal = unknown.stream().anyMatch(n -> PERSONAL.contains(n.trim().toLowerCase(java.util.Locale.ROOT)));
        return personal ? message + " (the citizen's personal data is never a placeholder)" : message;
    }

    /** The body with every placeholder replaced by its value; anything else between braces is left as written. */
    static String fill(String body, Map<Placeholder, String> values) {
        Matcher matcher = WRITTEN.matcher(body);
        StringBuilder text = new StringBuilder(body.length() + 64);
        while (matcher.find()) {
            String value = named(matcher.group(1)).map(values::get).orElse(matcher.group());
            matcher.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(text);
        return text.toString();
    }
}
