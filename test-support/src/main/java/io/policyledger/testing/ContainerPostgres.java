package io.policyledger.testing;

import org.testcontainers.containers.PostgreSQLContainer;

/** Kept apart so Testcontainers' classes are only loaded when a Docker engine seems reachable. */
final class ContainerPostgres {

    private ContainerPostgres() {}

    static TestDatabase.Server start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
        return new TestDatabase.Server(
                "Testcontainers PostgreSQL " + container.getJdbcUrl(),
                container.getJdbcUrl(),
                container.getUsername(),
                container.getPassword());
    }
}
