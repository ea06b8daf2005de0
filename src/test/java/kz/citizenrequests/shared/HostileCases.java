package kz.citizenrequests.shared;

import kz.citizenrequests.shared.HostileValues.Form;
import kz.citizenrequests.shared.HostileValues.JsonKind;
import kz.citizenrequests.shared.HostileValues.Value;
import kz.citizenrequests.shared.OpenApiOperations.Field;
import kz.citizenrequests.shared.OpenApiOperations.Operation;
import kz.citizenrequests.shared.OpenApiOperations.Parameter;
import kz.citizenrequests.shared.OpenApiOperations.Shape;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Generates the cases: for every operation of the document, every parameter, body field
 * and the request as a whole (Accept, Content-Type, the body, the method, Host, Origin),
 * values of every hostile family that fits. Each case changes one thing of a valid request. Families that
 * break services most (controls, surrogates, edge dates, wrong types, missing and
 * duplicate fields, sizes) are taken whole; the others are sampled with the seed.
 */
final class HostileCases {

    /**
     * One request to send. {@code forbidden}: the document (or issue 8's rules for text)
     * says the value is invalid, so the answer must not be a success. {@code xml} picks
     * the Open311 format of the baseline; {@code minimal} leaves out the optional query
     * parameters, so that their defaults meet the hostile value.
     */
    record Case(int number, Operation operation, String target, String family, String value, boolean forbidden,
                boolean xml, boolean minimal, Consumer<HostileDraft> change) {
    }

    private record Candidate(String family, String shown, boolean forbidden, Consumer<HostileDraft> change) {
    }

    private record Target(Operation operation, String name, List<Candidate> candidates) {
    }

    private record Pick(Target target, Candidate candidate) {
    }

    /** How many values of a family one target gets; families not listed are taken whole. */
    private static final Map<String, Integer> SAMPLED = Map.ofEntries(Map.entry("unicode", 3), Map.entry("injection", 2),
            Map.entry("percent-encoding", 3), Map.entry("malformed JSON", 2), Map.entry("number", 3),
            Map.entry("JSON number", 8), Map.entry("nesting", 1), Map.entry("empty", 3), Map.entry("enumeration", 4),
            Map.entry("control character", 5), Map.entry("Accept (other)", 3));

    /** Lengths past the limits of fields (100, 200, 500, 4000, 8000); past 64 KiB is a case of the body as a whole. */
    private static final int[] BODY_SIZES = {101, 201, 501, 4001, 8001};
    /** Past a code's length, and long but within a request line (past 4 KiB is a case of the request as a whole). */
    private static final int[] URL_SIZES = {101, 201, 3_000};
    private static final int[] HEADER_SIZES = {201, 9_000};

    private final Random random;
    private final BiPredicate<Operation, Parameter> sentByBaseline;

    /** @param sentByBaseline whether the valid request sends a parameter: only those can be left out or repeated */
    HostileCases(Random random, BiPredicate<Operation, Parameter> sentByBaseline) {
        this.random = random;
        this.sentByBaseline = sentByBaseline;
    }

    List<Case> generate(List<Operation> operations, int minimum) {
        List<Target> targets = new ArrayList<>();
        for (Operation operation : operations) {
            for (Parameter parameter : operation.parameters()) {
                targets.add(parameterTarget(operation, parameter));
            }
            if (operation.body() != null) {
                for (Field field : operation.body().fields()) {
                    targets.add(operation.body().json() ? jsonTarget(operation, field) : formTarget(operation, field));
                }
                targets.add(contentTypeTarget(operation));
                targets.add(bodyTarget(operation));
            }
            targets.add(acceptTarget(operation));
            targets.add(requestTarget(operation, operations));
        }
        List<Pick> picks = new ArrayList<>();
        for (Target target : targets) {
            for (Candidate candidate : sample(target.candidates())) {
                picks.add(new Pick(target, candidate));
            }
        }
        while (picks.size() < minimum) {
            Target target = targets.get(random.nextInt(targets.size()));
            picks.add(new Pick(target, target.candidates().get(random.nextInt(target.candidates().size()))));
        }
        Collections.shuffle(picks, random);
        List<Case> cases = new ArrayList<>();
        for (Pick pick : picks) {
            Candidate candidate = pick.candidate();
            cases.add(new Case(cases.size() + 1, pick.target().operation(), pick.target().name(), candidate.family(),
                    candidate.shown(), candidate.forbidden(), random.nextBoolean(), random.nextInt(3) == 0, candidate.change()));
        }
        return cases;
    }

    private List<Candidate> sample(List<Candidate> candidates) {
        Map<String, List<Candidate>> byFamily = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            byFamily.computeIfAbsent(candidate.family(), f -> new ArrayList<>()).add(candidate);
        }
        List<Candidate> taken = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> family : byFamily.entrySet()) {
            List<Candidate> members = new ArrayList<>(family.getValue());
            Collections.shuffle(members, random);
            taken.addAll(members.subList(0, Math.min(members.size(), SAMPLED.getOrDefault(family.getKey(), members.size()))));
        }
        return taken;
    }

    // ---- parameters (path, query, header)

    private Target parameterTarget(Operation operation, Parameter parameter) {
        boolean header = parameter.in().equals("header");
        boolean sent = sentByBaseline.test(operation, parameter);
        List<Value> values = new ArrayList<>();
        values.addAll(HostileValues.empty());
        values.addAll(HostileValues.controlCharacters(header));
        values.addAll(HostileValues.loneSurrogates());
        values.addAll(HostileValues.unicode());
        values.addAll(HostileValues.injection());
        values.addAll(HostileValues.oversized(random, header ? HEADER_SIZES : URL_SIZES));
        values.addAll(HostileValues.numbers());
        values.addAll(semantic(parameter.name(), parameter.shape()));
        if (!header) {
            values.addAll(HostileValues.percentEncoding());
        }
        if (parameter.name().equals("If-Match")) {
            for (String etag : List.of("\"-1\"", "\"2147483648\"", "W/\"abc\"", "*", "\"1\", \"2\"", "\"\"", "\"", "W/",
                    "\"99999\"", "W/\"-0\"")) {
                values.add(Value.text("entity tag", etag));
            }
        }
        if (sent) {
            for (Value structural : HostileValues.structure(false)) {
                if (structural.form() == Form.ABSENT || !parameter.in().equals("path")) {
                    values.add(structural);
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Value value : values) {
            if (header && value.content() != null && (value.content().contains("\r") || value.content().contains("\n"))) {
                continue;
            }
            candidates.add(new Candidate(value.family(), value.shown(), forbidsParameter(parameter, value),
                    draft -> applyParameter(draft, parameter, value)));
        }
        return new Target(operation, parameter.in() + " " + parameter.name(), candidates);
    }

    private static void applyParameter(HostileDraft draft, Parameter parameter, Value value) {
        String name = parameter.name();
        switch (parameter.in()) {
            case "path" -> draft.path.put(name, switch (value.form()) {
                case WIRE -> value.content();
                case ABSENT -> "";
                default -> HostileDraft.percentEncode(value.content());
            });
            case "query" -> {
                switch (value.form()) {
                    case ABSENT -> draft.query(name, null);
                    case REPEATED -> draft.query.add(new String[]{name, HostileDraft.percentEncode(value.content())});
                    case WIRE -> draft.query(name, value.content());
                    default -> draft.query(name, HostileDraft.percentEncode(value.content()));
                }
            }
            default -> {
                switch (value.form()) {
                    case ABSENT -> draft.header(name, null);
                    case REPEATED -> draft.headers.add(new String[]{name, value.content()});
                    default -> draft.header(name, value.content());
                }
            }
        }
    }

    /**
     * A parameter value the document forbids. Surrounding whitespace is forgiven and a blank
     * optional parameter counts as not sent; a path parameter left empty names another resource.
     */
    private static boolean forbidsParameter(Parameter parameter, Value value) {
        Shape shape = parameter.shape();
        boolean constrained = !shape.type().equals("string") || !shape.enumeration().isEmpty() || shape.format() != null
                || shape.pattern() != null || shape.maxLength() != null;
        switch (value.form()) {
            case ABSENT -> {
                return parameter.required() && !parameter.in().equals("path");
            }
            case REPEATED -> {
                return false;
            }
            default -> {
            }
        }
        if (!constrained) {
            return false;
        }
        String text = value.form() == Form.WIRE ? HostileDraft.percentDecode(value.content()) : value.content();
        if (text == null) {
            return true;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? parameter.required() : shape.forbidsText(stripped);
    }

    /** Values that only make sense for some parameters and fields: dates, date-times, booleans, enumerations. */
    private static List<Value> semantic(String name, Shape shape) {
        List<Value> values = new ArrayList<>();
        if ("date".equals(shape.format()) || Set.of("day", "from", "to", "receivedFrom", "receivedTo", "newDueDate").contains(name)) {
            values.addAll(HostileValues.dates());
        }
        if ("date-time".equals(shape.format()) || name.endsWith("_date")) {
            values.addAll(HostileValues.dateTimes());
        }
        if (shape.type().equals("boolean") || Set.of("overdue", "attribute[publication_consent]").contains(name)) {
            values.addAll(HostileValues.booleans());
        }
        if (!shape.enumeration().isEmpty()) {
            values.addAll(HostileValues.enumerationMisses(shape.enumeration()));
        }
        return values;
    }

    // ---- body fields

    private Target jsonTarget(Operation operation, Field field) {
        Shape shape = field.shape();
        List<Value> values = new ArrayList<>();
        switch (shape.type()) {
            case "string" -> {
                values.addAll(HostileValues.empty());
                values.addAll(HostileValues.controlCharacters(false));
                values.addAll(HostileValues.loneSurrogates());
                values.addAll(HostileValues.unicode());
                values.addAll(HostileValues.injection());
                values.addAll(HostileValues.oversized(random, BODY_SIZES));
                values.addAll(HostileValues.numbers());
                values.addAll(semantic(field.path().get(field.path().size() - 1), shape));
            }
            case "boolean" -> {
                values.addAll(HostileValues.booleans());
                values.add(Value.text("empty", "   "));
            }
            case "integer", "number" -> {
                values.addAll(HostileValues.jsonNumbers());
                values.addAll(bounds(shape));
            }
            case "object" -> {
                values.add(Value.json("wrong JSON type", "{}", JsonKind.OBJECT));
                values.add(Value.json("wrong JSON type", "{\"unexpected\":1}", JsonKind.OBJECT));
            }
            default -> {
            }
        }
        values.addAll(HostileValues.wrongJsonTypes(shape.type()));
        values.addAll(HostileValues.malformedJson());
        values.addAll(HostileValues.nesting());
        values.addAll(HostileValues.structure(true));
        List<Candidate> candidates = new ArrayList<>();
        for (Value value : values) {
            candidates.add(new Candidate(value.family(), value.shown(), forbidsJson(field, value), draft -> {
                switch (value.form()) {
                    case ABSENT -> draft.jsonField(field.path(), null, false);
                    case REPEATED -> draft.jsonField(field.path(), value.content(), true);
                    case TEXT -> draft.jsonField(field.path(), HostileDraft.jsonString(value.content()), false);
                    default -> draft.jsonField(field.path(), value.content(), false);
                }
            }));
        }
        return new Target(operation, "body " + field.name(), candidates);
    }

    private static List<Value> bounds(Shape shape) {
        List<Value> values = new ArrayList<>();
        for (BigDecimal bound : new BigDecimal[]{shape.minimum(), shape.maximum()}) {
            if (bound != null) {
                values.add(Value.json("JSON number", bound.toPlainString(), JsonKind.NUMBER));
                values.add(Value.json("JSON number", bound.subtract(new BigDecimal("0.000000000001")).toPlainString(), JsonKind.NUMBER));
                values.add(Value.json("JSON number", bound.add(new BigDecimal("0.000000000001")).toPlainString(), JsonKind.NUMBER));
            }
        }
        return values;
    }

    private static boolean forbidsJson(Field field, Value value) {
        Shape shape = field.shape();
        String type = shape.type();
        return switch (value.form()) {
            case ABSENT -> field.required();
            case REPEATED -> true;
            case TEXT -> !type.equals("string") || HostileValues.unstorable(value.content()) || shape.forbidsText(value.content());
            default -> switch (value.kind()) {
                case MALFORMED -> true;
                case NULL -> field.required();
                case STRING -> !type.equals("string");
                case BOOLEAN -> !type.equals("boolean");
                case ARRAY -> !type.equals("array");
                case OBJECT -> !type.equals("object") || !shape.required().isEmpty();
                case INTEGER, NUMBER -> {
                    if (!type.equals("integer") && !type.equals("number")) {
                        yield true;
                    }
                    BigDecimal number = new BigDecimal(value.content());
                    yield type.equals("integer") && number.stripTrailingZeros().scale() > 0 || shape.outOfRange(number);
                }
            };
        };
    }

    private Target formTarget(Operation operation, Field field) {
        String name = field.name();
        String wireName = HostileDraft.percentEncode(name);
        List<Value> values = new ArrayList<>();
        values.addAll(HostileValues.empty());
        values.addAll(HostileValues.controlCharacters(false));
        values.addAll(HostileValues.loneSurrogates());
        values.addAll(HostileValues.unicode());
        values.addAll(HostileValues.injection());
        values.addAll(HostileValues.oversized(random, BODY_SIZES));
        values.addAll(HostileValues.numbers());
        values.addAll(HostileValues.percentEncoding());
        values.addAll(semantic(name, field.shape()));
        if (Set.of("lat", "long").contains(name)) {
            for (String coordinate : List.of("40.4999999", "55.5000001", "-91", "181", "1e400", "51,128", "51.128.1")) {
                values.add(Value.text("number", coordinate));
            }
        }
        values.addAll(HostileValues.structure(false));
        List<Candidate> candidates = new ArrayList<>();
        for (Value value : values) {
            boolean forbidden = switch (value.form()) {
                case ABSENT, REPEATED -> false;
                case WIRE -> {
                    String decoded = HostileDraft.percentDecode(value.content());
                    yield decoded == null || HostileValues.unstorable(decoded);
                }
                default -> HostileValues.unstorable(value.content()) || field.shape().forbidsText(value.content());
            };
            candidates.add(new Candidate(value.family(), value.shown(), forbidden, draft -> {
                switch (value.form()) {
                    case ABSENT -> draft.formField(wireName, null);
                    case REPEATED -> draft.form.add(new String[]{wireName, HostileDraft.percentEncode(value.content())});
                    case WIRE -> draft.formField(wireName, value.content());
                    default -> draft.formField(wireName, HostileDraft.percentEncode(value.content()));
                }
            }));
        }
        return new Target(operation, "form " + name, candidates);
    }

    // ---- the request as a whole

    private Target acceptTarget(Operation operation) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("Accept", "no Accept header", false, d -> d.header("Accept", null)));
        for (String accept : List.of("", "*/*", "text/html", "text/csv", "application/xml")) {
            candidates.add(new Candidate("Accept", "Accept: " + HostileValues.shown(accept), false, d -> d.header("Accept", accept)));
        }
        for (String accept : List.of("application/json;q=0", "image/png", ";;;", "application/*", "text/*;q=0.5, */*;q=0.1",
                "application/problem+json", "a/b/c", "application/json, text/csv;q=2", "text/csv;q=0, application/json;q=0",
                "\u0001", "x".repeat(9_000))) {
            candidates.add(new Candidate("Accept (other)", "Accept: " + HostileValues.shown(accept), false,
                    d -> d.header("Accept", accept)));
        }
        return new Target(operation, "header Accept", candidates);
    }

    private Target contentTypeTarget(Operation operation) {
        String declared = operation.body().mediaType();
        String other = operation.body().json() ? "application/x-www-form-urlencoded" : "application/json";
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("Content-Type", "no Content-Type header", true, d -> d.header("Content-Type", null)));
        Map<String, Boolean> types = new LinkedHashMap<>();
        types.put("", true);
        types.put("*/*", true);
        types.put("text/plain", true);
        types.put("application/xml", true);
        types.put(other, true);
        types.put("multipart/form-data; boundary=x", true);
        types.put("application/octet-stream", true);
        types.put(declared + "x", true);
        types.put(declared + "\u0000", true);
        types.put("application/merge-patch+json", true);
        types.put(declared + "; charset=UTF-16", false);
        types.put(declared + "; charset=nonsense", false);
        types.put(declared + ";;", false);
        types.put(declared.toUpperCase(Locale.ROOT), false);
        types.put(declared + "; charset=utf-8; charset=latin1", false);
        for (Map.Entry<String, Boolean> type : types.entrySet()) {
            candidates.add(new Candidate("Content-Type", "Content-Type: " + HostileValues.shown(type.getKey()), type.getValue(),
                    d -> d.header("Content-Type", type.getKey())));
        }
        return new Target(operation, "header Content-Type", candidates);
    }

    private Target bodyTarget(Operation operation) {
        List<Candidate> candidates = new ArrayList<>();
        if (operation.body().json()) {
            boolean needsFields = !operation.body().shape().required().isEmpty();
            Map<String, Boolean> bodies = new LinkedHashMap<>();
            bodies.put("", true);
            bodies.put("null", true);
            bodies.put("[]", true);
            bodies.put("42", true);
            bodies.put("\"text\"", true);
            bodies.put("{", true);
            bodies.put("{}", needsFields);
            bodies.put("{\"a\":1,\"a\":2}", true);
            bodies.put("[".repeat(100_000), true);
            bodies.put("\u0000", true);
            for (Map.Entry<String, Boolean> body : bodies.entrySet()) {
                candidates.add(new Candidate("body", "body " + HostileValues.shown(body.getKey()), body.getValue(),
                        d -> d.body = body.getKey()));
            }
            candidates.add(new Candidate("body", "the valid body then trailing text", true,
                    d -> d.body = HostileDraft.write(d.json) + " trailing"));
            candidates.add(new Candidate("body", "the valid body twice", true,
                    d -> d.body = HostileDraft.write(d.json) + HostileDraft.write(d.json)));
            candidates.add(new Candidate("body", "the valid body in an array", true,
                    d -> d.body = "[" + HostileDraft.write(d.json) + "]"));
            candidates.add(new Candidate("body", "the valid body after a byte order mark", false,
                    d -> d.body = "\ufeff" + HostileDraft.write(d.json)));
            candidates.add(new Candidate("body", "the valid body in UTF-16LE", false,
                    d -> d.bytes = HostileDraft.write(d.json).getBytes(StandardCharsets.UTF_16LE)));
            candidates.add(new Candidate("body", "an unknown field", false, d -> d.jsonField(List.of("unexpected"), "1", false)));
            candidates.add(new Candidate("body", "1,001 unknown fields", false, d -> {
                StringBuilder many = new StringBuilder(HostileDraft.write(d.json));
                many.setLength(many.length() - 1);
                for (int i = 0; i < 1_001; i++) {
                    many.append(",\"f").append(i).append("\":").append(i);
                }
                d.body = many.append('}').toString();
            }));
            candidates.add(new Candidate("body", "70,000 bytes with Content-Length", true,
                    d -> d.jsonField(List.of("padding"), HostileDraft.jsonString("x".repeat(70_000)), false)));
        } else {
            candidates.add(new Candidate("body", "an empty form", false, d -> d.form.clear()));
            candidates.add(new Candidate("body", "1,001 form fields", false, d -> {
                for (int i = 0; i < 1_001; i++) {
                    d.form.add(new String[]{"f" + i, Integer.toString(i)});
                }
            }));
            candidates.add(new Candidate("body", "the form then a broken escape", true, d -> d.form.add(new String[]{"x", "%zz"})));
            candidates.add(new Candidate("body", "separators only", false, d -> d.body = "&&&==&="));
            candidates.add(new Candidate("body", "a field name with NUL", false, d -> d.form.add(new String[]{"na%00me", "x"})));
            candidates.add(new Candidate("body", "JSON in a form", false, d -> d.body = "{\"api_key\":\"x\"}"));
            candidates.add(new Candidate("body", "70,000 bytes with Content-Length", true,
                    d -> d.form.add(new String[]{"padding", "x".repeat(70_000)})));
        }
        candidates.add(new Candidate("body", "the valid body, chunked", false, d -> d.chunked = true));
        candidates.add(new Candidate("body", "70,000 bytes, chunked", true, d -> {
            d.chunked = true;
            if (d.json != null) {
                d.jsonField(List.of("padding"), HostileDraft.jsonString("x".repeat(70_000)), false);
            } else {
                d.form.add(new String[]{"padding", "x".repeat(70_000)});
            }
        }));
        candidates.add(new Candidate("body", "Content-Encoding: gzip on a plain body", false, d -> d.header("Content-Encoding", "gzip")));
        candidates.add(new Candidate("body", "Content-Length: abc", true, d -> d.contentLength = "abc"));
        candidates.add(new Candidate("body", "Content-Length: -5", true, d -> d.contentLength = "-5"));
        candidates.add(new Candidate("body", "two Content-Length headers that disagree", true,
                d -> d.contentLength = d.bodyBytes().length + "\r\nContent-Length: 3"));
        candidates.add(new Candidate("body", "Content-Length shorter than the body", true, d -> d.contentLength = "3"));
        return new Target(operation, "body", candidates);
    }

    /** The method (one the path does not declare) and query parameters the operation does not declare. */
    private Target requestTarget(Operation operation, List<Operation> operations) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> declared = operations.stream().filter(o -> o.path().equals(operation.path())).map(Operation::method).toList();
        for (String method : List.of("PATCH", "PUT", "DELETE", "POST", "GET")) {
            if (!declared.contains(method)) {
                candidates.add(new Candidate("method", method + " instead of " + operation.method(), true, d -> d.method = method));
            }
        }
        candidates.add(new Candidate("query", "an undeclared parameter with NUL", false, d -> d.query.add(new String[]{"unexpected", "%00"})));
        candidates.add(new Candidate("query", "a request line over 8 KiB", false,
                d -> d.query.add(new String[]{"unexpected", "x".repeat(9_000)})));
        candidates.add(new Candidate("query", "a parameter without a name", false, d -> d.query.add(new String[]{"", "1"})));
        candidates.add(new Candidate("query", "a bare question mark and ampersands", false, d -> d.query.add(new String[]{"&&", null})));
        candidates.add(new Candidate("Host", "no Host header", true, d -> d.withoutHost = true));
        candidates.add(new Candidate("Origin", "Origin: https://evil.example", false, d -> d.header("Origin", "https://evil.example")));
        candidates.add(new Candidate("Origin", "a CORS preflight from https://evil.example", false, d -> {
            d.header("Origin", "https://evil.example");
            d.header("Access-Control-Request-Method", d.method);
            d.method = "OPTIONS";
        }));
        return new Target(operation, "request", candidates);
    }
}
