package kz.citizenrequests.notifications;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each public act writes into the outbox, and what reaches the citizen's mailbox and phone. */
@QuarkusTest
@QuarkusTestResource(NotificationServers.class)
class NotificationsTest {

    @NotificationServers.Inject
    GreenMail greenMail;
    @NotificationServers.Inject
    WireMockServer wireMock;
    @Inject
    NotificationRelay relay;

    @BeforeEach
    void gatewayAccepts() {
        Outbox.setAsideOthers();
        NotificationServers.acceptEverySms(wireMock);
    }

    @ParameterizedTest
    @CsvSource({"kk, Құрметті өтініш беруші!, өтінішіңіз қабылданды",
            "ru, Уважаемый заявитель!, Ваше обращение",
            "en, Dear applicant, We have received your request"})
    void emailsTheReceiptInTheRequestsLanguageWithoutPersonalData(String language, String greeting, String phrase)
            throws Exception {
        String email = Outbox.newEmail();
        String phone = Outbox.newPhone();
        ExtractableResponse<Response> receipt = TestData.submit(Outbox.submission(language, email, phone));
        String trackingNumber = receipt.path("trackingNumber");
        String accessCode = receipt.path("accessCode");

        Outbox.drain(relay, Instant.now());

        MimeMessage message = only(email);
        String body = GreenMailUtil.getBody(message);
        String text = message.getSubject() + "\n" + decoded(message);
        assertTrue(text.contains(greeting), text);
        assertTrue(text.contains(phrase), text);
        assertTrue(message.getSubject().contains(trackingNumber), message.getSubject());
        assertTrue(text.contains("http://localhost:8080/follow?number=" + trackingNumber), text);
        for (String secret : List.of(accessCode, "Aigerim", "Sarsenova", TestData.VALID_IIN, phone)) {
            assertFalse(text.contains(secret), "the message shows " + secret);
            assertFalse(body.contains(secret), "the raw message shows " + secret);
        }
        long historyId = Outbox.of(trackingNumber).get(0).historyId();
        assertEquals("<notification-" + historyId + "-email@citizen-requests>", message.getHeader("Message-ID")[0]);
        assertEquals("sent", Outbox.of(trackingNumber).get(0).status());
    }

    @Test
    void textsTheReceiptToTheGatewayWithTheIdempotencyKey() {
        String phone = Outbox.newPhone();
        String trackingNumber = TestData.submit(Outbox.submission("ru", null, phone)).path("trackingNumber");

        Outbox.drain(relay, Instant.now());

        List<Outbox.Row> rows = Outbox.of(trackingNumber);
        assertEquals(1, rows.size());
        assertEquals("sms", rows.get(0).channel());
        assertEquals("sent", rows.get(0).status());
        List<LoggedRequest> sms = smsTo(phone);
        assertEquals(1, sms.size());
        LoggedRequest request = sms.get(0);
        assertEquals("notification-" + rows.get(0).historyId() + "-sms", request.getHeader("Idempotency-Key"));
        assertEquals("Bearer test-gateway-key", request.getHeader("Authorization"));
        String text = request.getBodyAsString();
        assertTrue(text.contains("Обращение № " + trackingNumber + " принято"), text);
        assertTrue(text.contains("/follow?number=" + trackingNumber), text);
        wireMock.verify(1, postRequestedFor(urlEqualTo(NotificationServers.SMS_PATH))
                .withHeader("Idempotency-Key", equalTo("notification-" + rows.get(0).historyId() + "-sms")));
    }

    @Test
    void citizenWithOnlyAPhoneGetsOnlySms() {
        String trackingNumber = TestData.submit(Outbox.submission("kk", null, Outbox.newPhone())).path("trackingNumber");
        assertEquals(List.of("sms"), Outbox.of(trackingNumber).stream().map(Outbox.Row::channel).toList());
    }

    @Test
    void citizenWithOnlyAnEmailGetsOnlyEmail() {
        String trackingNumber = TestData.submit(Outbox.submission("en", Outbox.newEmail(), null)).path("trackingNumber");
        assertEquals(List.of("email"), Outbox.of(trackingNumber).stream().map(Outbox.Row::channel).toList());
    }

    @Test
    void everyPublicActButStartWorkWritesItsRowsAndAssignAndCommentWriteNone() {
        String email = Outbox.newEmail();
        ExtractableResponse<Response> receipt = TestData.submit(Outbox.submission("ru", email, Outbox.newPhone()));
        String tn = receipt.path("trackingNumber");
        LocalDate due = LocalDate.parse(receipt.path("dueDate"));

        TestData.perform(tn, Map.of("action", "register", "note", "Принято к рассмотрению"));
        TestData.perform(tn, Map.of("action", "assign", "assignee", "operator-1"));
        TestData.perform(tn, Map.of("action", "comment", "note", "internal: call the housing office"));
        TestData.perform(tn, Map.of("action", "forward", "targetBranch", "ALA-D02", "note", "По территориальности"));
        TestData.perform(tn, Map.of("action", "extend_deadline", "newDueDate", due.plusDays(7).toString(),
                "note", "Нужен ответ коммунальной службы"));
        TestData.perform(tn, Map.of("action", "start_work"));
        TestData.perform(tn, Map.of("action", "resolve", "outcome", "satisfied", "answer", "Горячая вода подана"));
        TestData.perform(tn, Map.of("action", "reopen", "note", "Вода снова пропала"));
        TestData.perform(tn, Map.of("action", "resolve", "outcome", "satisfied", "answer", "Подана"));
        TestData.perform(tn, Map.of("action", "close"));

        List<String> acts = Outbox.of(tn).stream().map(row -> row.action() + "/" + row.channel()).toList();
        assertEquals(List.of("submit/email", "submit/sms", "register/email", "register/sms", "forward/email", "forward/sms",
                "extend_deadline/email", "extend_deadline/sms", "resolve/email", "resolve/sms", "reopen/email", "reopen/sms",
                "resolve/email", "resolve/sms", "close/email", "close/sms"), acts);

        Outbox.drain(relay, Instant.now());
        List<String> texts = Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> recipient(message).equals(email)).map(NotificationsTest::decodedQuietly).toList();
        assertEquals(8, texts.size());
        String all = String.join("\n", texts);
        assertTrue(all.contains("передано на рассмотрение в Бостандыкский районный филиал"), all);
        assertTrue(all.contains("Причина: Нужен ответ коммунальной службы"), all);
        assertTrue(all.contains("Прочитать его можно на странице обращения"), all);
        assertFalse(all.contains("internal"), "an internal note reached the citizen");
        assertFalse(all.contains("operator-1"), "the assignee reached the citizen");
        assertFalse(all.contains("Горячая вода подана"), "the answer is read on the page, not copied into mail");
    }

    private MimeMessage only(String email) throws Exception {
        MimeMessage[] messages = Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> recipient(message).equals(email)).toArray(MimeMessage[]::new);
        assertEquals(1, messages.length, "messages to the citizen");
        return messages[0];
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<LoggedRequest> smsTo(String phone) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(NotificationServers.SMS_PATH))).stream()
                .filter(request -> request.getBodyAsString().contains("\"to\":\"" + phone + "\"")).toList();
    }

    static String decoded(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }

    static String decodedQuietly(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + decoded(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
