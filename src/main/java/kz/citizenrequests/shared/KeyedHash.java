package kz.citizenrequests.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a server secret. The keyed state is prepared once per secret and cloned
 * for each use: looking the algorithm up and keying it anew on every call cost a submission
 * three lookups and three key schedules.
 */
public final class KeyedHash {

    private static final String ALGORITHM = "HmacSHA256";
    private static final ConcurrentMap<String, Mac> PREPARED = new ConcurrentHashMap<>();

    private KeyedHash() {
    }

    /** The HMAC-SHA256 of the value's UTF-8 bytes under the secret's UTF-8 bytes. */
    public static byte[] of(String secret, String value) {
        return fresh(secret).doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac fresh(String secret) {
        Mac prepared = PREPARED.computeIfAbsent(secret, KeyedHash::keyed);
        try {
            return (Mac) prepared.clone();
        } catch (CloneNotSupportedException e) {
            // a provider whose HMAC cannot be cloned: key a new one each time
            return keyed(secret);
        }
    }

    private static Mac keyed(String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
    }
}
