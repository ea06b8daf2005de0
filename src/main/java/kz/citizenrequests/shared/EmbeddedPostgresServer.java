package kz.citizenrequests.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one embedded PostgreSQL of this JVM. Loaded only after
 * {@link EmbeddedPostgresConfigSourceFactory} has seen the server on the class path.
 *
 * <p>Its URL is kept in a system property so that the server is started once per JVM
 * even when dev mode reloads the application in a new class loader.
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String STARTED_URL = "citizen-requests.embedded-postgresql.url";

    private EmbeddedPostgresServer() {
    }

    static synchronized String jdbcUrl(boolean keepData) {
        String started = System.getProperty(STARTED_URL);
        if (started != null) {
            return started;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC");
            if (keepData) {
                // Dev mode keeps its data between runs under target/.
                Path dir = Path.of("target", "embedded-postgresql").toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }, "embedded-postgresql-stop"));
            String url = server.getJdbcUrl("postgres", "postgres");
            System.setProperty(STARTED_URL, url);
            LOG.infof("Started embedded PostgreSQL on port %d (no JDBC URL configured)", server.getPort());
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}
