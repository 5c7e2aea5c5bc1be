package cn.moralbank.web.startup;

import cn.moralbank.points.infra.db.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which PostgreSQL the application uses before Micronaut starts. With DATASOURCES_DEFAULT_URL set, that
 * server (demo data only if MORALBANK_DEMO=true, and the JWT secret must come from MORALBANK_JWT_SECRET). Otherwise
 * an embedded PostgreSQL keeping its data in MORALBANK_HOME (default $HOME/.moralbank), the demo county, and a signing
 * secret generated once and kept beside the data.
 */
public final class DatabaseBootstrap implements AutoCloseable {
    static final String DATABASE = "moralbank";
    private final Map<String, Object> properties;
    private final EmbeddedDatabase embedded;
    private boolean closed;

    private DatabaseBootstrap(Map<String, Object> properties, EmbeddedDatabase embedded) {
        this.properties = properties;
        this.embedded = embedded;
    }

    public static DatabaseBootstrap fromEnvironment(Map<String, String> env) {
        Map<String, Object> props = new HashMap<>();
        String secret = env.get("MORALBANK_JWT_SECRET");
        if (env.get("DATASOURCES_DEFAULT_URL") != null && !env.get("DATASOURCES_DEFAULT_URL").isBlank()) {
            if (secret == null || secret.length() < 32) {
                throw new IllegalStateException("MORALBANK_JWT_SECRET must be set (at least 32 characters) when "
                        + "DATASOURCES_DEFAULT_URL names a database: tokens signed with a generated secret would "
                        + "not survive a restart nor be shared by several nodes.");
            }
            props.put("moralbank.jwt-secret", secret);
            props.put("moralbank.demo.load", "true".equalsIgnoreCase(env.get("MORALBANK_DEMO")));
            return new DatabaseBootstrap(props, null);
        }
        Path home = home(env);
        System.out.println("Starting the embedded PostgreSQL, data in " + home.resolve("pgdata") + " ...");
        EmbeddedDatabase embedded = EmbeddedDatabase.start(home.resolve("pgdata"), false);
        embedded.ensureDatabase(DATABASE);
        props.putAll(embedded.datasourceProperties(DATABASE));
        props.put("moralbank.jwt-secret", secret != null ? secret : generatedSecret(home));
        props.put("moralbank.demo.load", !"false".equalsIgnoreCase(env.get("MORALBANK_DEMO")));
        System.out.println("Embedded PostgreSQL on port " + embedded.port() + ", data in " + home.resolve("pgdata"));
        return new DatabaseBootstrap(props, embedded);
    }

    /**
     * Where the embedded data lives: MORALBANK_HOME, else .moralbank under the HOME environment variable (Java's
     * user.home comes from the password database and ignores HOME), else under user.home.
     */
    static Path home(Map<String, String> env) {
        String explicit = env.get("MORALBANK_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = env.getOrDefault("USERPROFILE", System.getProperty("user.home"));
        }
        return Path.of(home, ".moralbank");
    }

    /** A secret made on first start and kept, so sign-ins survive a restart of the embedded default. */
    private static String generatedSecret(Path home) {
        Path file = home.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, secret);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** Stops the embedded server, once, however many shutdown paths ask. */
    @Override
    public synchronized void close() {
        if (embedded != null && !closed) {
            closed = true;
            embedded.close();
        }
    }
}
