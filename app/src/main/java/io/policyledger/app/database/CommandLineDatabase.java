package io.policyledger.app.database;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a command-line tool of the jar ({@code verify}, {@code prepare-restore}) works on, named
 * the way the service is told: {@code --spring.datasource.url=…} (or {@code SPRING_DATASOURCE_URL}), else
 * the embedded database of the data directory while the service runs.
 */
public final class CommandLineDatabase {

    private CommandLineDatabase() {}

    /** {@code --name=value} arguments by name. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                out.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return out;
    }

    public static PGSimpleDataSource of(Map<String, String> options, Path dataDir) throws Exception {
        PGSimpleDataSource database = new PGSimpleDataSource();
        String url = options.getOrDefault("spring.datasource.url", System.getenv("SPRING_DATASOURCE_URL"));
        if (url != null) {
            database.setUrl(url);
            database.setUser(
                    options.getOrDefault("spring.datasource.username", System.getenv("SPRING_DATASOURCE_USERNAME")));
            database.setPassword(
                    options.getOrDefault("spring.datasource.password", System.getenv("SPRING_DATASOURCE_PASSWORD")));
            return database;
        }
        Path running = dataDir.resolve("postgres.url");
        if (!Files.exists(running)) {
            throw new IllegalStateException("no database: give --spring.datasource.url, or run the service with its "
                    + "embedded database (" + running + " is written while it runs)");
        }
        URI uri = URI.create(Files.readString(running).strip());
        String[] user = uri.getUserInfo().split(":", 2);
        database.setUrl("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath());
        database.setUser(user[0]);
        database.setPassword(user.length > 1 ? user[1] : null);
        return database;
    }
}
