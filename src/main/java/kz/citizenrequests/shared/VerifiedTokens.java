package kz.citizenrequests.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bearer tokens whose signature and claims have been verified, with the identity built from
 * them, until the token expires or {@code rememberFor} has passed, whichever comes first.
 * A token is found only by its whole text as sent and by the tenant that verified it, so a
 * token that differs in any character (another signature, a changed claim) is verified anew.
 * The identity kept holds nothing of the request that brought the token: the attributes that
 * belong to one request are left out, and {@link TokenIdentityProvider} adds the current ones.
 */
public final class VerifiedTokens {

    private record Key(String tenant, String token) {
    }

    /** {@code until}: the token's expiry, or {@code rememberFor} after it was verified if that is sooner. */
    private record Verified(SecurityIdentity identity, Instant until) {
    }

    private final Cache<Key, Verified> verified;
    private final Clock clock;
    private final Duration rememberFor;
    private final Set<String> perRequestAttributes;

    public VerifiedTokens(int rememberAtMost, Duration rememberFor, Clock clock, Set<String> perRequestAttributes) {
        this.clock = clock;
        this.rememberFor = rememberFor;
        this.perRequestAttributes = Set.copyOf(perRequestAttributes);
        this.verified = Caffeine.newBuilder()
                .maximumSize(rememberAtMost)
                .expireAfter(Expiry.<Key, Verified>creating((key, value) -> Duration.between(clock.instant(), value.until())))
                .build();
    }

    /** The identity verified for this token, if it was and the token has not expired since. */
    public Optional<SecurityIdentity> find(String tenant, String token) {
        Key key = new Key(tenant, token);
        Verified found = verified.getIfPresent(key);
        if (found == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(found.until())) {
            verified.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(found.identity());
    }

    /** Keeps the identity a verification built, without the attributes of the request it came with. */
    public void remember(String tenant, String token, QuarkusSecurityIdentity identity, Instant expiresAt) {
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            return;
        }
        Instant until = expiresAt.isBefore(now.plus(rememberFor)) ? expiresAt : now.plus(rememberFor);
        Map<String, Object> kept = identity.getAttributes().entrySet().stream()
                .filter(attribute -> !perRequestAttributes.contains(attribute.getKey()) && attribute.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        SecurityIdentity copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addRoles(identity.getRoles())
                .addPermissions(identity.getPermissions())
                .addAttributes(kept)
                .build();
        verified.put(new Key(tenant, token), new Verified(copy, until));
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
