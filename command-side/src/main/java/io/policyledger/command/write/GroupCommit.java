package io.policyledger.command.write;

import io.policyledger.eventstore.AppendLock;
import io.policyledger.eventstore.DryRunEventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits concurrent commands together: one transaction, one disk flush, one turn of the append lock for
 * all the commands waiting when the previous group finished.
 *
 * <pre>
 *   request threads --submit--> queue --one thread--> BEGIN; append lock
 *                                                      per command: SAVEPOINT; decide; append | ROLLBACK TO
 *                                                      COMMIT --> each request gets its own outcome
 * </pre>
 * Each command still runs in its own unit of work and produces its own events (one event per accepted
 * change, in the order the commands ran); a refused command is rolled back to its savepoint and stores
 * nothing, its neighbours go on. A command is answered only after the group's commit: if that commit
 * fails, every command of the group fails with it and nothing of it is stored. A lone command runs in a
 * transaction of its own, without savepoints.
 *
 * <p>Commands are decided one after another on the committing thread: they would queue for the append lock
 * anyway (appends are serialized to keep the log's indexes in commit order), and a group costs one commit
 * instead of one per command.
 */
@Component
public class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** The most commands committed together (their requests wait for the whole group). */
    static final int MAX_GROUP = 128;

    private record Pending(CommandMessage<?> command, CompletableFuture<Object> outcome) {}

    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final DryRunEventStore eventStore;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    GroupCommit(
            CommandGateway gateway,
            PlatformTransactionManager transactions,
            DataSource dataSource,
            DryRunEventStore eventStore) {
        this.gateway = gateway;
        this.transactions = new TransactionTemplate(transactions);
        this.dataSource = dataSource;
        this.eventStore = eventStore;
    }

    /**
     * Runs {@code command} with the next group and answers its handler's result once the group committed;
     * throws what the handler threw (or what failed the group's commit).
     */
    public Object submit(CommandMessage<?> command) {
        if (!running) {
            // Before start or after stop: alone, on the caller's thread (the append lock still orders it).
            return gateway.sendAndWait(command);
        }
        Pending pending = new Pending(command, new CompletableFuture<>());
        queue.add(pending);
        if (!running && queue.remove(pending)) {
            // Stopped meanwhile, and nobody took it: alone, here.
            return gateway.sendAndWait(command);
        }
        try {
            return pending.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for the commit of " + command.getCommandName(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Groups committed so far, and the commands in them: how much grouping happens under the load seen. */
    public record Counts(long groups, long commands) {}

    public Counts counts() {
        return new Counts(groups.get(), grouped.get());
    }

    private void commitGroups() {
        try {
            commitUntilStopped();
        } finally {
            // However the thread ends, later commands run alone and none waits for it.
            running = false;
            failRemaining();
        }
    }

    private void commitUntilStopped() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            try {
                if (group.size() == 1) {
                    alone(group.get(0));
                } else {
                    together(group);
                }
            } catch (RuntimeException | Error e) {
                log.error("group commit: a group of {} failed unexpectedly", group.size(), e);
                group.forEach(p -> p.outcome().completeExceptionally(e));
            }
            groups.incrementAndGet();
            grouped.addAndGet(group.size());
            group.clear();
        }
    }

    private void alone(Pending pending) {
        try {
            pending.outcome().complete(gateway.sendAndWait(pending.command()));
        } catch (RuntimeException e) {
            pending.outcome().completeExceptionally(e);
        }
    }

    private void together(List<Pending> group) {
        List<Object> results = new ArrayList<>(group.size());
        List<RuntimeException> refusals = new ArrayList<>(group.size());
        try {
            transactions.executeWithoutResult(status -> {
                AppendLock.acquire(dataSource);
                for (Pending pending : group) {
                    try {
                        results.add(gateway.sendAndWait(pending.command()));
                        refusals.add(null);
                    } catch (RuntimeException refused) {
                        // Its unit of work rolled back to its savepoint: nothing of it stays.
                        results.add(null);
                        refusals.add(refused);
                    }
                }
            });
        } catch (RuntimeException commitFailed) {
            for (int i = 0; i < group.size(); i++) {
                RuntimeException own = i < refusals.size() ? refusals.get(i) : null;
                group.get(i).outcome().completeExceptionally(own != null ? own : commitFailed);
            }
            return;
        }
        // The units of work announced their events before this commit; readers look again now.
        eventStore.wakeReaders();
        for (int i = 0; i < group.size(); i++) {
            if (refusals.get(i) != null) {
                group.get(i).outcome().completeExceptionally(refusals.get(i));
            } else {
                group.get(i).outcome().complete(results.get(i));
            }
        }
    }

    private void failRemaining() {
        Pending left;
        while ((left = queue.poll()) != null) {
            left.outcome().completeExceptionally(new IllegalStateException("the command side stopped"));
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::commitGroups, "group-commit");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops taking requests) and before the event processors. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }
}
