package kz.citizenrequests;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Instant;
import java.util.UUID;

/** Real RS256 tokens signed with the local dev key, as the identity provider would issue them. */
public final class Tokens {

    public static final String ISSUER = "https://citizen-requests.local/dev";
    public static final String AUDIENCE = "citizen-requests";
    public static final String PRIVATE_KEY = "keys/dev-private.pem";

    private Tokens() {
    }

    public static JwtClaimsBuilder claims(String role, String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(role)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600));
    }

    public static String operator(String branch) {
        return claims("operator", "operator-" + branch).claim("branch", branch).sign(PRIVATE_KEY);
    }

    public static String head(String branch) {
        return claims("branch_head", "head-" + branch).claim("branch", branch).sign(PRIVATE_KEY);
    }

    /** A citizen account of its own, so that tests do not see each other's requests. */
    public static String citizen(String account) {
        return claims("citizen", account).sign(PRIVATE_KEY);
    }

    public static String newCitizen() {
        return citizen("citizen-" + UUID.randomUUID());
    }

    public static String leadership(String region) {
        JwtClaimsBuilder claims = claims("leadership", "leader-" + (region == null ? "national" : region));
        if (region != null) {
            claims.claim("region", region);
        }
        return claims.sign(PRIVATE_KEY);
    }

    public static String admin() {
        return claims("admin", "admin-1").sign(PRIVATE_KEY);
    }
}
