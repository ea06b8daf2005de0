package kz.citizenrequests.notifications;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway that keeps failing: the relay retries with a doubling wait, parks the row after
 * the last attempt, administrators see it and resend it, and it arrives once the gateway works.
 */
@QuarkusTest
@QuarkusTestResource(NotificationServers.class)
class NotificationRetryTest {

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
    void retriesWithBackoffParksAfterTheLastAttemptAndDeliversWhenResent() {
        wireMock.stubFor(post(urlEqualTo(NotificationServers.SMS_PATH)).willReturn(aResponse().withStatus(500)));
        String phone = Outbox.newPhone();
        String trackingNumber = TestData.submit(Outbox.submission("ru", null, phone)).path("trackingNumber");
        long id = Outbox.of(trackingNumber).get(0).id();

        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Duration[] waits = {Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
                Duration.ofSeconds(480), Duration.ofSeconds(960), Duration.ofSeconds(1920)};
        for (int attempt = 1; attempt <= 7; attempt++) {
            Outbox.drain(relay, at);
            Outbox.Row row = Outbox.byId(id);
            assertEquals(attempt, row.attempts());
            assertEquals("pending", row.status());
            assertEquals(at.plus(waits[attempt - 1]), row.nextAttemptAt(), "wait after attempt " + attempt);
            assertEquals("SMS gateway answered HTTP 500", row.lastError());
            Outbox.drain(relay, row.nextAttemptAt().minusSeconds(1));
            assertEquals(attempt, Outbox.byId(id).attempts(), "tried again before its time");
            at = row.nextAttemptAt();
        }
        Outbox.drain(relay, at);
        Outbox.Row parked = Outbox.byId(id);
        assertEquals("failed", parked.status());
        assertEquals(8, parked.attempts());
        Outbox.drain(relay, at.plus(Duration.ofDays(1)));
        assertEquals(8, Outbox.byId(id).attempts(), "a parked row is not tried again");

        List<Map<String, Object>> failed = given().auth().oauth2(Tokens.admin()).queryParam("size", 200)
                .get("/api/v1/admin/notifications/failed")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.id == " + id + " }");
        assertEquals(1, failed.size());
        assertEquals(trackingNumber, failed.get(0).get("trackingNumber"));
        assertEquals("sms", failed.get(0).get("channel"));
        assertEquals(8, failed.get(0).get("attempts"));
        assertFalse(String.valueOf(failed.get(0)).contains(phone.substring(7)), "the list shows the phone number");

        given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/notifications/{id}/resend", id)
                .then().statusCode(200).body("status", equalTo("pending")).body("attempts", equalTo(0));
        given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/notifications/{id}/resend", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("type", org.hamcrest.Matchers.endsWith("notification-not-failed"));

        NotificationServers.acceptEverySms(wireMock);
        Outbox.drain(relay, Instant.now());
        Outbox.Row sent = Outbox.byId(id);
        assertEquals("sent", sent.status());
        assertEquals(1, sent.attempts());
        List<LoggedRequest> received = wireMock.findAll(postRequestedFor(urlEqualTo(NotificationServers.SMS_PATH)));
        assertEquals(1, received.size(), "the gateway answered once with success");
        assertEquals("notification-" + sent.historyId() + "-sms", received.get(0).getHeader("Idempotency-Key"));
        assertTrue(received.get(0).getBodyAsString().contains(trackingNumber));
    }

    @Test
    void resendingAnUnknownNotificationIsNotFound() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .post("/api/v1/admin/notifications/{id}/resend", 999_999_999)
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("type", org.hamcrest.Matchers.endsWith("notification-not-found"));
        given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/notifications/{id}/resend", "abc")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesAnInvalidPageWithTheField() {
        given().auth().oauth2(Tokens.admin()).queryParam("size", 0).get("/api/v1/admin/notifications/failed")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("size"));
    }
}
