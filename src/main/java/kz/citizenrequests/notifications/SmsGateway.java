package kz.citizenrequests.notifications;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * An SMS gateway over HTTP: a JSON POST of {to, text} to quarkus.rest-client.sms-gateway.url.
 * Any gateway that accepts this shape (directly or behind a small adapter) can be plugged in;
 * the Idempotency-Key lets it drop a message it has already sent.
 */
@RegisterRestClient(configKey = "sms-gateway")
public interface SmsGateway {

    /** One text message. */
    record SmsMessage(String to, String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    void send(@HeaderParam("Idempotency-Key") String idempotencyKey,
              @HeaderParam("Authorization") String authorization,
              SmsMessage message);
}
