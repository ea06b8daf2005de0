package kz.citizenrequests.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request being built: the valid baseline of an operation, then one hostile change.
 * Values are kept as they go on the wire (percent-encoded path, query and form values;
 * header text; a JSON tree until a change needs the body as text).
 */
final class HostileDraft {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PLACEHOLDER = "@@hostile-value@@";
    private static final String SECOND_KEY = "@@second-key@@";

    String method;
    final String pathTemplate;
    final Map<String, String> path = new LinkedHashMap<>();
    final List<String[]> query = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    ObjectNode json;
    List<String[]> form;
    String body;
    byte[] bytes;
    boolean chunked;
    /** When set, sent instead of the true Content-Length. */
    String contentLength;
    boolean withoutHost;

    HostileDraft(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    void header(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        if (value != null) {
            headers.add(new String[]{name, value});
        }
    }

    String header(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    void query(String name, String wire) {
        query.removeIf(q -> q[0].equals(name));
        if (wire != null) {
            query.add(new String[]{name, wire});
        }
    }

    void formField(String name, String wire) {
        form.removeIf(f -> f[0].equals(name));
        if (wire != null) {
            form.add(new String[]{name, wire});
        }
    }

    /** Puts a raw JSON fragment at a field (null removes the field); {@code twice} keeps the field and adds it again. */
    void jsonField(List<String> at, String fragment, boolean twice) {
        ObjectNode copy = json.deepCopy();
        ObjectNode parent = copy;
        for (String name : at.subList(0, at.size() - 1)) {
            JsonNode child = parent.get(name);
            parent = child instanceof ObjectNode object ? object : parent.putObject(name);
        }
        String last = at.get(at.size() - 1);
        if (fragment == null) {
            parent.remove(last);
            body = write(copy);
        } else if (twice) {
            parent.put(SECOND_KEY, PLACEHOLDER);
            body = write(copy).replace("\"" + SECOND_KEY + "\":\"" + PLACEHOLDER + "\"", jsonString(last) + ":" + fragment);
        } else {
            parent.put(last, PLACEHOLDER);
            body = write(copy).replace("\"" + PLACEHOLDER + "\"", fragment);
        }
    }

    String target() {
        String target = pathTemplate;
        for (Map.Entry<String, String> value : path.entrySet()) {
            target = target.replace("{" + value.getKey() + "}", value.getValue());
        }
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            for (String[] parameter : query) {
                q.append(q.isEmpty() ? "?" : "&").append(parameter[0]);
                if (parameter[1] != null) {
                    q.append('=').append(parameter[1]);
                }
            }
            target += q;
        }
        return target;
    }

    byte[] bodyBytes() {
        if (bytes != null) {
            return bytes;
        }
        if (body != null) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        if (json != null) {
            return write(json).getBytes(StandardCharsets.UTF_8);
        }
        if (form != null) {
            StringBuilder text = new StringBuilder();
            for (String[] field : form) {
                text.append(text.isEmpty() ? "" : "&").append(field[0]).append('=').append(field[1]);
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return new byte[0];
    }

    /** The request line and headers; header text goes as ISO-8859-1 bytes where it can, UTF-8 otherwise. */
    byte[] head(int port, int bodyLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " " + target() + " HTTP/1.1\r\n");
        if (!withoutHost) {
            write(out, "Host: localhost:" + port + "\r\n");
        }
        write(out, "Connection: close\r\n");
        write(out, "User-Agent: hostile-input-test\r\n");
        for (String[] h : headers) {
            write(out, h[0] + ": " + h[1] + "\r\n");
        }
        if (chunked) {
            write(out, "Transfer-Encoding: chunked\r\n");
        } else if (contentLength != null) {
            write(out, "Content-Length: " + contentLength + "\r\n");
        } else if (bodyLength > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            write(out, "Content-Length: " + bodyLength + "\r\n");
        }
        write(out, "\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x100) {
                out.write(c);
            } else {
                out.writeBytes(utf8(c, i + 1 < text.length() ? text.charAt(i + 1) : 0));
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                }
            }
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal; a lone surrogate goes as its escape, which is valid JSON text naming an invalid character. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * Percent-encodes text as UTF-8, leaving unreserved characters as they are. A lone
     * surrogate goes as its three-byte form (e.g. %ED%A0%80), which is how one arrives from
     * a client that does not check.
     */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
                continue;
            }
            byte[] encoded = utf8(c, i + 1 < text.length() ? text.charAt(i + 1) : 0);
            if (encoded.length == 4) {
                i++;
            }
            for (byte b : encoded) {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The UTF-8 bytes of one character (a pair when {@code c} starts one), lone surrogates as three bytes. */
    private static byte[] utf8(char c, char next) {
        if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
            return new String(new char[]{c, next}).getBytes(StandardCharsets.UTF_8);
        }
        if (Character.isSurrogate(c)) {
            return new byte[]{(byte) (0xE0 | (c >> 12)), (byte) (0x80 | ((c >> 6) & 0x3F)), (byte) (0x80 | (c & 0x3F))};
        }
        return String.valueOf(c).getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes percent-encoded UTF-8 strictly: null when an escape is broken or the bytes are not UTF-8. */
    static String percentDecode(String wire) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c == '%') {
                if (i + 2 >= wire.length()) {
                    return null;
                }
                try {
                    bytes.write(Integer.parseInt(wire.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    return null;
                }
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
