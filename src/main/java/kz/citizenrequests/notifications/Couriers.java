package kz.citizenrequests.notifications;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Hands a message to its channel: e-mail over SMTP (quarkus.mailer.*), SMS to the HTTP
 * gateway. Blocking, on the relay's worker thread; a failure is thrown to the relay. Each
 * message carries the idempotency key of its event and channel, the same on every attempt:
 * e-mail as its Message-ID, SMS as the Idempotency-Key header.
 */
@ApplicationScoped
class Couriers {

    private final Mailer mailer;
    private final SmsGateway gateway;
    private final NotificationSettings settings;

    Couriers(Mailer mailer, @RestClient SmsGateway gateway, NotificationSettings settings) {
        this.mailer = mailer;
        this.gateway = gateway;
        this.settings = settings;
    }

    void deliver(Outgoing message) {
        if (Notification.EMAIL.equals(message.channel())) {
            mailer.send(Mail.withText(message.recipient(), message.subject(), message.body())
                    .addHeader("Message-ID", messageId(message)));
        } else {
            gateway.send(message.idempotencyKey(), settings.sms().apiKey().map(key -> "Bearer " + key).orElse(null),
                    new SmsGateway.SmsMessage(message.recipient(), message.body()));
        }
    }

    static String messageId(Outgoing message) {
        return "<" + message.idempotencyKey() + "@citizen-requests>";
    }
}
