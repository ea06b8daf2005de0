package kz.citizenrequests.notifications;

import com.github.tomakehurst.wiremock.WireMockServer;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three relays at work on one outbox at once: every message leaves exactly once. */
@QuarkusTest
@QuarkusTestResource(NotificationServers.class)
class ConcurrentRelaysTest {

    private static final int REQUESTS = 100;
    private static final int RELAYS = 3;

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
    void threeRelaysSendEachOfTwoHundredNotificationsExactlyOnce() throws Exception {
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        List<String> trackingNumbers = new ArrayList<>();
        while (trackingNumbers.size() < REQUESTS) {
            String email = Outbox.newEmail();
            String phone = Outbox.newPhone();
            if (emails.add(email) && phones.add(phone)) {
                trackingNumbers.add(TestData.submit(Outbox.submission("ru", email, phone)).path("trackingNumber"));
            }
        }
        Instant now = Instant.now();

        ExecutorService pool = Executors.newFixedThreadPool(RELAYS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < RELAYS; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                int claimed = 0;
                for (int batch = relay.runOnce(now); batch > 0; batch = relay.runOnce(now)) {
                    claimed += batch;
                }
                return claimed;
            }));
        }
        start.countDown();
        int claimed = 0;
        for (Future<Integer> run : runs) {
            claimed += run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(2 * REQUESTS, claimed, "claims by all relays together");
        Map<String, Integer> mails = new HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String to = recipient(message);
            if (emails.contains(to)) {
                mails.merge(to, 1, Integer::sum);
            }
        }
        assertEquals(REQUESTS, mails.size(), "recipients reached by e-mail");
        assertTrue(mails.values().stream().allMatch(count -> count == 1), "an e-mail sent twice: " + mails);
        Map<String, Integer> texts = new HashMap<>();
        wireMock.findAll(postRequestedFor(urlEqualTo(NotificationServers.SMS_PATH))).forEach(request -> {
            String body = request.getBodyAsString();
            phones.stream().filter(phone -> body.contains("\"to\":\"" + phone + "\""))
                    .forEach(phone -> texts.merge(phone, 1, Integer::sum));
        });
        assertEquals(REQUESTS, texts.size(), "recipients reached by SMS");
        assertTrue(texts.values().stream().allMatch(count -> count == 1), "an SMS sent twice: " + texts);
        for (String trackingNumber : trackingNumbers) {
            for (Outbox.Row row : Outbox.of(trackingNumber)) {
                assertEquals("sent", row.status());
                assertEquals(1, row.attempts(), "claimed more than once");
            }
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
