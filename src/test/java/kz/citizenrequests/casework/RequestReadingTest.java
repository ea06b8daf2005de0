package kz.citizenrequests.casework;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.citizenrequests.TestData;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reading with plain JDBC ({@link RequestRepository#read}) is the same request Hibernate reads,
 * field by field, on a row with every column set: a column the entity maps and the JDBC reading
 * leaves out fails here.
 */
@QuarkusTest
class RequestReadingTest {

    @Inject
    RequestRepository requests;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theJdbcReadingIsTheRequestHibernateReads() throws IllegalAccessException {
        String number = TestData.submit(TestData.submission()).path("trackingNumber");
        TestData.execute(dataSource, "UPDATE requests SET district_code = (SELECT min(code) FROM districts), "
                + "citizen_account = 'account-1', integrator_key_id = 7, integrator = 'City app', "
                + "media_urls = 'https://example.kz/a.jpg', assignee = 'Dana', status = 'CLOSED', outcome = 'explained', "
                + "answer = 'Repaired.', resolved_at = now() - interval '2 days', closed_at = now() - interval '1 day', "
                + "withdrawn_at = now(), due_date = due_date + 5, forward_count = 2, late_forward = true, reopen_count = 1, "
                + "escalated_at = now() - interval '3 days', feedback_satisfied = false, feedback_rating = 2, "
                + "feedback_at = now() - interval '1 hour', complaint = true, term_started_on = current_date, "
                + "publication_consent = true, version = 7 WHERE tracking_number = '" + number + "'");

        Request jdbc = requests.read(number).orElseThrow();
        Request hibernate = QuarkusTransaction.requiringNew().call(() -> requests.findByTrackingNumber(number).orElseThrow());

        List<String> compared = new ArrayList<>();
        for (Field field : Request.class.getDeclaredFields()) {
            if (!mapped(field)) {
                continue;
            }
            field.setAccessible(true);
            Object expected = field.get(hibernate);
            assertNotNull(expected, field.getName() + " is not set on the test row: set it, so that its reading is compared");
            Object actual = field.get(jdbc);
            if (expected instanceof Location || expected instanceof Citizen) {
                for (Field part : expected.getClass().getDeclaredFields()) {
                    if (mapped(part)) {
                        part.setAccessible(true);
                        assertNotNull(part.get(expected), field.getName() + "." + part.getName() + " is not set on the test row");
                        assertEquals(part.get(expected), part.get(actual), field.getName() + "." + part.getName());
                    }
                }
            } else if (expected instanceof java.math.BigDecimal decimal) {
                assertEquals(0, decimal.compareTo((java.math.BigDecimal) actual), field.getName());
            } else {
                assertEquals(expected, actual, field.getName());
            }
            compared.add(field.getName());
        }
        assertTrue(compared.containsAll(Set.of("trackingNumber", "citizen", "location", "feedbackRating", "version")), compared.toString());
        assertTrue(requests.read("ALA-2026-999999999").isEmpty());
    }

    /** A field the entity maps: not static, and not one Hibernate's bytecode enhancement added. */
    private static boolean mapped(Field field) {
        return !Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !field.getName().startsWith("$$_hibernate");
    }
}
