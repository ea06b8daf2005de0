package kz.citizenrequests.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a verified bearer token is believed without checking its signature again ({@link VerifiedTokens}). */
@ConfigMapping(prefix = "citizen-requests.tokens")
public interface TokenSettings {

    /** How many verified tokens an instance keeps at most; 0 checks every token on every call. */
    @WithDefault("2000")
    int rememberAtMost();

    /**
     * The longest a verified token is kept, even if it expires later: a signing key the identity
     * provider withdraws stops a token already seen within this time.
     */
    @WithDefault("5m")
    Duration rememberFor();
}
