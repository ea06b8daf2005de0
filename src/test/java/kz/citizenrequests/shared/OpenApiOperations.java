package kz.citizenrequests.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The operations of the committed OpenAPI document, with their parameters and body fields resolved. */
final class OpenApiOperations {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    record Operation(String method, String path, Set<String> roles, List<Parameter> parameters, Body body) {

        String name() {
            return method + " " + path;
        }

        boolean underOpen311() {
            return path.startsWith("/open311/");
        }
    }

    /** A path, query or header parameter. */
    record Parameter(String name, String in, boolean required, Shape shape) {
    }

    /** The request body: its media type and, for JSON and forms, its fields (nested objects flattened to paths). */
    record Body(String mediaType, boolean required, Shape shape, List<Field> fields) {

        boolean json() {
            return mediaType.equals("application/json");
        }
    }

    record Field(List<String> path, boolean required, Shape shape) {

        String name() {
            return String.join(".", path);
        }
    }

    /** What the document says a value must be. */
    record Shape(String type, List<String> enumeration, String format, Pattern pattern, Integer maxLength,
                 BigDecimal minimum, BigDecimal maximum, Set<String> required, boolean nullable) {

        static Shape of(JsonNode schema) {
            String type = null;
            boolean nullable = false;
            JsonNode types = schema.get("type");
            if (types != null && types.isArray()) {
                for (JsonNode t : types) {
                    if (t.asText().equals("null")) {
                        nullable = true;
                    } else if (type == null) {
                        type = t.asText();
                    }
                }
            } else if (types != null) {
                type = types.asText();
            }
            List<String> enumeration = new ArrayList<>();
            schema.path("enum").forEach(e -> enumeration.add(e.asText()));
            if (type == null) {
                type = !enumeration.isEmpty() ? "string" : schema.has("properties") ? "object" : "string";
            }
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            return new Shape(type, enumeration, schema.path("format").asText(null),
                    schema.has("pattern") ? Pattern.compile(schema.get("pattern").asText()) : null,
                    schema.has("maxLength") ? schema.get("maxLength").asInt() : null,
                    schema.has("minimum") ? new BigDecimal(schema.get("minimum").asText()) : null,
                    schema.has("maximum") ? new BigDecimal(schema.get("maximum").asText()) : null,
                    required, nullable);
        }

        /** Whether the document refuses this text as the value of a string (or of a parameter sent as text). */
        boolean forbidsText(String text) {
            switch (type) {
                case "integer" -> {
                    if (!text.matches("-?[0-9]+")) {
                        return true;
                    }
                    return outOfRange(new BigDecimal(new BigInteger(text)));
                }
                case "number" -> {
                    try {
                        return outOfRange(new BigDecimal(text));
                    } catch (NumberFormatException e) {
                        return true;
                    }
                }
                case "boolean" -> {
                    return !text.equals("true") && !text.equals("false");
                }
                default -> {
                }
            }
            if (!enumeration.isEmpty() && !enumeration.contains(text)) {
                return true;
            }
            if (maxLength != null && text.codePointCount(0, text.length()) > maxLength) {
                return true;
            }
            if (pattern != null && !pattern.matcher(text).find()) {
                return true;
            }
            return "date".equals(format) && !fullDate(text);
        }

        boolean outOfRange(BigDecimal value) {
            if (minimum != null && value.compareTo(minimum) < 0 || maximum != null && value.compareTo(maximum) > 0) {
                return true;
            }
            if ("int32".equals(format)) {
                return value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                        || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0;
            }
            if ("int64".equals(format)) {
                return value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
                        || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0;
            }
            return false;
        }

        private static boolean fullDate(String text) {
            if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return false;
            }
            try {
                LocalDate.parse(text);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    private final JsonNode document;

    private OpenApiOperations(JsonNode document) {
        this.document = document;
    }

    static List<Operation> read(Path file) throws IOException {
        OpenApiOperations reader = new OpenApiOperations(new ObjectMapper().readTree(file.toFile()));
        return reader.operations();
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(operation(method.toUpperCase(Locale.ROOT), path.getKey(), operation,
                            path.getValue().path("parameters")));
                }
            }
        }
        return operations;
    }

    private Operation operation(String method, String path, JsonNode operation, JsonNode shared) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
        }
        List<Parameter> parameters = new ArrayList<>();
        List<JsonNode> declared = new ArrayList<>();
        shared.forEach(declared::add);
        operation.path("parameters").forEach(declared::add);
        for (JsonNode node : declared) {
            JsonNode parameter = resolve(node);
            parameters.add(new Parameter(parameter.get("name").asText(), parameter.get("in").asText(),
                    parameter.path("required").asBoolean(false), Shape.of(resolve(parameter.path("schema")))));
        }
        Body body = null;
        JsonNode requestBody = operation.get("requestBody");
        if (requestBody != null) {
            Map.Entry<String, JsonNode> content = resolve(requestBody).path("content").fields().next();
            JsonNode schema = resolve(content.getValue().path("schema"));
            List<Field> fields = new ArrayList<>();
            collect(schema, new ArrayList<>(), fields);
            body = new Body(content.getKey(), requestBody.path("required").asBoolean(false), Shape.of(schema), fields);
        }
        return new Operation(method, path, roles, parameters, body);
    }

    private void collect(JsonNode schema, List<String> at, List<Field> fields) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode resolved = resolve(property.getValue());
            List<String> path = new ArrayList<>(at);
            path.add(property.getKey());
            fields.add(new Field(List.copyOf(path), required.contains(property.getKey()), Shape.of(resolved)));
            if (resolved.has("properties")) {
                collect(resolved, path, fields);
            }
        }
    }

    /** Follows {@code $ref}, keeping the keywords written beside it (a description, a narrower type). */
    private JsonNode resolve(JsonNode node) {
        if (node == null || !node.has("$ref")) {
            return node == null ? new ObjectMapper().createObjectNode() : node;
        }
        String ref = node.get("$ref").asText();
        JsonNode target = resolve(document.at(ref.substring(1)));
        ObjectNode merged = target.deepCopy();
        node.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("$ref") && !merged.has(entry.getKey())) {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        return merged;
    }
}
