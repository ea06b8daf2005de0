package kz.citizenrequests.intake;

import io.smallrye.config.ConfigMapping;

/** Settings of intake. */
@ConfigMapping(prefix = "citizen-requests.intake")
public interface IntakeSettings {

    /**
     * Server secret from which the access codes of submissions with an Idempotency-Key
     * are derived, so that a retry can be answered with the same code. Required in
     * production; keep it secret and stable.
     */
    String accessCodeSecret();
}
