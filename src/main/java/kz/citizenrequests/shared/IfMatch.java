package kz.citizenrequests.shared;

import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic locking over HTTP: an entity's ETag is its version, and a change names the
 * version it was decided on in {@code If-Match} (RFC 9110 §13.1.1). One home for both, so
 * every resource reads the header the same way.
 */
public final class IfMatch {

    private IfMatch() {
    }

    public static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** Accepts {@code "5"}, {@code W/"5"} or {@code 5}; a missing header is 428, anything else 400. */
    public static int version(String header) {
        return version(header, new VersionRequiredException(), "the request");
    }

    /** As {@link #version(String)}, with the words for what the ETag belongs to, e.g. "the answer template". */
    public static int version(String header, String what) {
        return version(header, new VersionRequiredException(what), what);
    }

    private static int version(String header, VersionRequiredException missing, String what) {
        if (header == null || header.isBlank()) {
            throw missing;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        Integer version = Parameters.digits(value);
        if (version == null) {
            throw new InvalidInputException("If-Match", "must be the ETag of " + what + ", e.g. \"3\"");
        }
        return version;
    }
}
