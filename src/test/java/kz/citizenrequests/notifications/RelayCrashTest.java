package kz.citizenrequests.notifications;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay that dies between its steps: after claiming, nothing is lost (the lease runs out and
 * the next run sends every message once); after sending and before marking, the next run sends
 * the message once more, with the same Message-ID and Idempotency-Key.
 */
@QuarkusTest
@QuarkusTestResource(NotificationServers.class)
class RelayCrashTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @NotificationServers.Inject
    GreenMail greenMail;
    @NotificationServers.Inject
    WireMockServer wireMock;
    @Inject
    NotificationRelay relay;

    @BeforeEach
    void onlyThisTestsRows() {
        Outbox.setAsideOthers();
        NotificationServers.acceptEverySms(wireMock);
    }

    @Test
    void aRelayThatDiesAfterClaimingLosesNothingOnceTheLeaseRunsOut() {
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> trackingNumbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            emails.add(Outbox.newEmail());
            phones.add(Outbox.newPhone());
            trackingNumbers.add(TestData.submit(Outbox.submission("kk", emails.get(i), phones.get(i))).path("trackingNumber"));
        }
        Instant now = Instant.now();

        assertEquals(6, relay.claim(now).size());
        // the relay dies here, with the rows claimed and nothing sent

        Outbox.drain(relay, now.plus(LEASE).minusSeconds(1));
        for (String email : emails) {
            assertEquals(0, mailTo(email).size(), "sent while another relay held the lease");
        }
        Outbox.drain(relay, now.plus(LEASE).plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(1, mailTo(emails.get(i)).size());
            assertEquals(1, smsTo(phones.get(i)).size());
            for (Outbox.Row row : Outbox.of(trackingNumbers.get(i))) {
                assertEquals("sent", row.status());
                assertEquals(2, row.attempts(), "the lost claim counts as an attempt");
            }
        }
    }

    @Test
    void aRelayThatDiesAfterSendingSendsOnceMoreWithTheSameIdempotencyKey() throws MessagingException {
        String email = Outbox.newEmail();
        String phone = Outbox.newPhone();
        String trackingNumber = TestData.submit(Outbox.submission("en", email, phone)).path("trackingNumber");
        Instant now = Instant.now();

        List<Outgoing> claimed = relay.claim(now);
        assertEquals(2, claimed.size());
        for (Outgoing message : claimed) {
            assertEquals(null, relay.deliver(message));
        }
        // the relay dies here, with both messages sent and neither marked

        Outbox.drain(relay, now.plus(LEASE).plusSeconds(1));
        Outbox.drain(relay, now.plus(LEASE.multipliedBy(10)));

        List<MimeMessage> mails = mailTo(email);
        assertEquals(2, mails.size(), "sent once more, not more");
        long historyId = Outbox.of(trackingNumber).get(0).historyId();
        for (MimeMessage mail : mails) {
            assertEquals("<notification-" + historyId + "-email@citizen-requests>", mail.getHeader("Message-ID")[0]);
        }
        List<LoggedRequest> sms = smsTo(phone);
        assertEquals(2, sms.size(), "sent once more, not more");
        for (LoggedRequest request : sms) {
            assertEquals("notification-" + historyId + "-sms", request.getHeader("Idempotency-Key"));
        }
        assertTrue(Outbox.of(trackingNumber).stream().allMatch(row -> row.status().equals("sent")));
    }

    private List<MimeMessage> mailTo(String email) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                return message.getRecipients(Message.RecipientType.TO)[0].toString().equals(email);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<LoggedRequest> smsTo(String phone) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(NotificationServers.SMS_PATH))).stream()
                .filter(request -> request.getBodyAsString().contains("\"to\":\"" + phone + "\"")).toList();
    }
}
