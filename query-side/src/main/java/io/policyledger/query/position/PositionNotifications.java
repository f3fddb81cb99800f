package io.policyledger.query.position;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens, on one connection of its own, to the projections' positions as PostgreSQL announces them
 * (channel {@code projection_position}, sent by a trigger when a position row changes, delivered at commit),
 * and tells {@link ProjectionPositions}. This is how a write answered by one instance waits exactly as long
 * as the projection on another instance takes, and how node streams learn of new rules wherever they were
 * computed. If the connection breaks, waiters poll until it is back.
 */
@Component
class PositionNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PositionNotifications.class);
    static final String CHANNEL = "projection_position";
    /** How long one wait for notifications lasts; also how soon a stop is noticed. */
    private static final int WAIT_MILLIS = 500;
    /** Between two of those, a round trip proves the connection is alive (a dead one would be silent). */
    private static final long PING_NANOS = 30_000_000_000L;

    private final DataSource dataSource;
    private final ProjectionPositions positions;
    private volatile boolean running;
    private Thread thread;

    PositionNotifications(DataSource dataSource, ProjectionPositions positions) {
        this.dataSource = dataSource;
        this.positions = positions;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "projection-position-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        long backOff = 100;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                // Announcements made before LISTEN were not heard: start from what is stored.
                positions.advanceToStored();
                positions.notificationsFlowing(true);
                backOff = 100;
                try {
                    receive(connection);
                } finally {
                    // The connection goes back to the pool: its next user must not collect our notifications.
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("projection positions: not listening ({}); waiting requests poll meanwhile", e.toString());
                }
            } finally {
                positions.notificationsFlowing(false);
            }
            sleep(backOff);
            backOff = Math.min(5_000, backOff * 2);
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastPing = System.nanoTime();
        while (running) {
            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
            if (received != null) {
                for (PGNotification n : received) {
                    apply(n.getParameter());
                }
            }
            if (System.nanoTime() - lastPing > PING_NANOS) {
                try (Statement ping = connection.createStatement()) {
                    ping.execute("SELECT 1");
                }
                lastPing = System.nanoTime();
            }
        }
    }

    private static void unlisten(Connection connection) {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN *");
        } catch (SQLException | RuntimeException e) {
            // A broken connection is evicted by the pool anyway.
        }
    }

    private void apply(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon <= 0) {
            return;
        }
        try {
            positions.advance(payload.substring(0, colon), Long.parseLong(payload.substring(colon + 1)));
        } catch (NumberFormatException e) {
            log.warn("projection positions: unreadable announcement {}", payload);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
