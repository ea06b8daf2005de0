package kz.citizenrequests.casework;

import kz.citizenrequests.shared.KeyedHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;


/**
 * The citizen's secret access code: 12 characters of Crockford base32 (60 bits), shown
 * once as {@code XXXX-XXXX-XXXX}, stored only as its SHA-256.
 */
public final class AccessCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessCodes() {
    }

    public static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return encode(bytes);
    }

    /**
     * A code that the server can compute again from a secret it alone holds: used for
     * submissions with an Idempotency-Key, so that a retry gets the same code back
     * although the code itself is never stored.
     */
    public static String derived(String secret, String idempotencyKey, String trackingNumber) {
        return encode(KeyedHash.of(secret, "access-code\n" + idempotencyKey + "\n" + trackingNumber));
    }

    public static String hash(String code) {
        return HexFormat.of().formatHex(sha256(normalise(code)));
    }

    /** Constant-time check of a presented code against a stored hash; false for a missing code. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || presented.isBlank() || storedHash == null) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(storedHash);
        return MessageDigest.isEqual(expected, sha256(normalise(presented)));
    }

    private static String normalise(String code) {
        return code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private static String encode(byte[] bytes) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[i] & 0xff);
        }
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return code.toString();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
