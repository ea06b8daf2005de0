package kz.citizenrequests.casework;

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
    jakarta.persistence.EntityManager em;

    @Test
    void theJdbcReadingIsTheRequestHibernateReads() {
        String number = TestData.submit(TestData.submission()).path("trackingNumber");
        // every column set, in a transaction rolled back at the end: the row stays as the service made
        // it, and the figures other tests recount are not moved by values no act would write
        QuarkusTransaction.begin();
        try {
            em.createNativeQuery("UPDATE requests SET district_code = (SELECT min(code) FROM districts), "
                    + "citizen_account = 'account-1', integrator_key_id = 7, integrator = 'City app', "
                    + "media_urls = 'https://example.kz/a.jpg', assignee = 'Dana', status = 'CLOSED', outcome = 'explained', "
                    + "answer = 'Repaired.', resolved_at = now() - interval '2 days', closed_at = now() - interval '1 day', "
                    + "withdrawn_at = now(), due_date = due_date + 5, forward_count = 2, late_forward = true, reopen_count = 1, "
                    + "escalated_at = now() - interval '3 days', feedback_satisfied = false, feedback_rating = 2, "
                    + "feedback_at = now() - interval '1 hour', complaint = true, term_started_on = current_date, "
                    + "publication_consent = true, version = 7 WHERE tracking_number = '" + number + "'").executeUpdate();
            Request jdbc = requests.read(number).orElseThrow();
            em.clear();
            Request hibernate = requests.findByTrackingNumber(number).orElseThrow();
            compare(hibernate, jdbc);
            assertTrue(requests.read("ALA-2026-999999999").isEmpty());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static void compare(Request hibernate, Request jdbc) {
        try {
            compareFields(hibernate, jdbc);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static void compareFields(Request hibernate, Request jdbc) throws IllegalAccessException {
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
    }

    @Test
    void anActWritesBackEveryColumnHibernateWouldUpdate() {
        Set<String> updatable = new java.util.TreeSet<>();
        for (Field field : Request.class.getDeclaredFields()) {
            if (!mapped(field) || field.isAnnotationPresent(jakarta.persistence.Id.class)
                    || field.isAnnotationPresent(jakarta.persistence.Version.class)) {
                continue;
            }
            if (field.isAnnotationPresent(jakarta.persistence.Embedded.class)) {
                for (Field part : field.getType().getDeclaredFields()) {
                    if (mapped(part)) {
                        updatable.add(column(part));
                    }
                }
            } else {
                jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
                if (column == null || column.updatable()) {
                    updatable.add(column(field));
                }
            }
        }
        assertEquals(updatable, new java.util.TreeSet<>(Request.ACT_COLUMNS));
        assertEquals(Request.ACT_COLUMNS.size(), Set.copyOf(Request.ACT_COLUMNS).size(), "a column written twice");
    }

    /** The column of a field: its {@code @Column} name, or its name in snake case (Quarkus's default naming). */
    private static String column(Field field) {
        jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
        if (column != null && !column.name().isEmpty()) {
            return column.name();
        }
        return field.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A field the entity maps: not static, and not one Hibernate's bytecode enhancement added. */
    private static boolean mapped(Field field) {
        return !Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !field.getName().startsWith("$$_hibernate");
    }
}
