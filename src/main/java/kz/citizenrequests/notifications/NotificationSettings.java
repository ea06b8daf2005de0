package kz.citizenrequests.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the relay sends the outbox (citizen-requests.notifications.*). */
@ConfigMapping(prefix = "citizen-requests.notifications")
public interface NotificationSettings {

    /** How often each instance runs the relay ("off" to run it only when called, as tests do). */
    String relayEvery();

    /** Rows one relay claims at a time. */
    @WithDefault("50")
    int batchSize();

    /** How long a claimed row is left to its relay before another may claim it; longer than one send can take. */
    @WithDefault("5m")
    Duration lease();

    /** The wait after the first failed attempt; it doubles with every further failure. */
    @WithDefault("30s")
    Duration backoffBase();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration backoffCap();

    /** Attempts before a row is parked as failed for an administrator to resend. */
    @WithDefault("8")
    int maxAttempts();

    Sms sms();

    /** The SMS gateway; its address is quarkus.rest-client.sms-gateway.url. */
    interface Sms {
        /** Where the gateway takes messages (quarkus.rest-client.sms-gateway.url is set from it). */
        String url();

        /** Sent as "Authorization: Bearer ..." when set. */
        Optional<String> apiKey();
    }
}
