package kz.citizenrequests.notifications;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A real SMTP server (GreenMail) and a real HTTP SMS gateway stub (WireMock) on free ports, for
 * the whole test run: the service's mailer and SMS client point at them. Tests receive them in
 * fields annotated {@link Inject}.
 */
public class NotificationServers implements QuarkusTestResourceLifecycleManager {

    /** Marks a test's GreenMail or WireMockServer field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    static final String SMS_PATH = "/sms/messages";

    private GreenMail greenMail;
    private WireMockServer wireMock;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        acceptEverySms(wireMock);
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(greenMail.getSmtp().getPort()),
                "citizen-requests.notifications.sms.url", "http://127.0.0.1:" + wireMock.port() + SMS_PATH,
                "citizen-requests.notifications.sms.api-key", "test-gateway-key");
    }

    static void acceptEverySms(WireMockServer wireMock) {
        wireMock.resetAll();
        wireMock.stubFor(post(urlEqualTo(SMS_PATH)).willReturn(aResponse().withStatus(202)));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(greenMail, new TestInjector.AnnotatedAndMatchesType(Inject.class, GreenMail.class));
        injector.injectIntoFields(wireMock, new TestInjector.AnnotatedAndMatchesType(Inject.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
