package kz.citizenrequests.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import kz.citizenrequests.TestData;
import kz.citizenrequests.shared.PersonalDataMask;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Personal data is masked in the service's real log output (the test profile also writes it to a file). */
@QuarkusTest
class LogMaskingTest {

    private static final Path LOG = Path.of("target", "service-test.log");
    private static final Logger LOGGER = Logger.getLogger(LogMaskingTest.class);

    @Test
    void iinsEmailsAndPhonesAreMaskedInLogLines() throws IOException {
        // no digits: a UUID's last group of twelve digits would be masked like an IIN
        String marker = UUID.randomUUID().toString().replaceAll("[0-9]", "z");
        LOGGER.infof("%s citizen %s wrote from %s, phone %s", marker, "900101300126", "aigerim@example.kz", "+7 701 234 56 78");
        LOGGER.error(marker + " failed", new IllegalStateException("Key (citizen_iin)=(851231400567) and mail dana@mail.kz"));

        String log = logLinesAfter(marker);
        assertTrue(log.contains(marker + " citizen 9001******** wrote from a***@***, phone +7 *** *** ** **"), log);
        assertTrue(log.contains("8512********"), log);
        assertFalse(log.contains("900101300126"), log);
        assertFalse(log.contains("851231400567"), log);
        assertFalse(log.contains("aigerim@example.kz"), log);
        assertFalse(log.contains("dana@mail.kz"), log);
        assertFalse(log.contains("234 56 78"), log);
    }

    @Test
    void aSubmissionLeavesNoPersonalDataInTheLog() throws IOException {
        String before = Files.exists(LOG) ? Files.readString(LOG, StandardCharsets.UTF_8) : "";
        given().contentType(ContentType.JSON).body(TestData.submission()).post("/api/v1/requests").then().statusCode(201);
        given().contentType(ContentType.JSON).body(TestData.withCitizen(TestData.submission(), "iin", "900101300127"))
                .post("/api/v1/requests").then().statusCode(400);
        String after = Files.readString(LOG, StandardCharsets.UTF_8).substring(before.length());
        for (String personal : new String[]{"Aigerim", "900101300126", "900101300127", "aigerim@example.kz", "701 234 5678"}) {
            assertFalse(after.contains(personal), personal + " in the log: " + after);
        }
    }

    @Test
    void theMaskKeepsWhatIsNotPersonal() {
        assertEquals("AST-2026-000123 due 2026-12-21", PersonalDataMask.mask("AST-2026-000123 due 2026-12-21"));
        assertEquals("9001********", PersonalDataMask.mask("900101300126"));
        assertEquals("order 1234567890123", PersonalDataMask.mask("order 1234567890123"));
    }

    private static String logLinesAfter(String marker) throws IOException {
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        int at = log.indexOf(marker);
        assertTrue(at >= 0, "marker not in " + LOG);
        return log.substring(at);
    }
}
