package kz.citizenrequests.shared;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Gives dev mode and tests a real PostgreSQL when no JDBC URL is configured.
 *
 * <p>Active only in the {@code dev} and {@code test} profiles, only when
 * {@code quarkus.datasource.jdbc.url} is not set (by properties or the
 * {@code QUARKUS_DATASOURCE_JDBC_URL} variable), and only when the embedded server
 * is on the class path: it is a {@code provided} dependency, so the packaged
 * application never has it and production never starts it.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue configured = context.getValue(URL_PROPERTY);
        if (!shouldStart(context.getProfiles(), configured == null ? null : configured.getValue(), embeddedAvailable())) {
            return List.of();
        }
        String url = EmbeddedPostgresServer.jdbcUrl(context.getProfiles().contains("dev"));
        return List.of(new PropertiesConfigSource(Map.of(
                URL_PROPERTY, url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "embedded-postgresql", 50));
    }

    @Override
    public java.util.OptionalInt getPriority() {
        return java.util.OptionalInt.of(50);
    }

    static boolean shouldStart(List<String> profiles, String configuredUrl, boolean embeddedAvailable) {
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        boolean urlGiven = configuredUrl != null && !configuredUrl.isBlank();
        return devOrTest && !urlGiven && embeddedAvailable;
    }

    private static boolean embeddedAvailable() {
        try {
            Class.forName(EMBEDDED_CLASS, false, EmbeddedPostgresConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
