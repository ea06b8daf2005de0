package kz.citizenrequests.shared;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresConfigSourceFactoryTest {

    @Test
    void startsInDevAndTestWithoutAJdbcUrl() {
        assertTrue(EmbeddedPostgresConfigSourceFactory.shouldStart(List.of("dev"), null, true));
        assertTrue(EmbeddedPostgresConfigSourceFactory.shouldStart(List.of("test"), " ", true));
    }

    @Test
    void neverStartsWhenAJdbcUrlIsGiven() {
        assertFalse(EmbeddedPostgresConfigSourceFactory.shouldStart(List.of("test"),
                "jdbc:postgresql://127.0.0.1:5432/citizen", true));
    }

    @Test
    void neverStartsInProduction() {
        assertFalse(EmbeddedPostgresConfigSourceFactory.shouldStart(List.of("prod"), null, true));
    }

    @Test
    void neverStartsWithoutTheEmbeddedServerOnTheClassPath() {
        assertFalse(EmbeddedPostgresConfigSourceFactory.shouldStart(List.of("dev"), null, false));
    }
}
