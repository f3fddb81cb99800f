package io.policyledger.app.nodes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bookmarkInterval   how often a quiet watch gets a BOOKMARK: the heartbeat by which both ends
 *                           notice a half-open connection, and how the agent's revision keeps moving
 * @param snapshotWindow     how long a node's snapshot is served again to watchers connecting after it
 *                           was computed (a reconnect storm costs one computation per node, not per agent)
 * @param pollInterval       how often an instance looks for progress made by the projection on another one
 * @param retainedRevisions  how far back a watch may resume; older revisions answer 410 Expired
 * @param maxWatchesPerNode  watches of one node an instance serves at once (more: 429); a node has one agent,
 *                           the rest is headroom for reconnects that overlap the old connection
 * @param watchTimeout       how long a watch lasts before the server ends it (the agent reconnects and
 *                           resumes); like Kubernetes' watch timeout, it spreads load over instances
 */
@ConfigurationProperties("policy-ledger.node-stream")
public record NodeStreamProperties(
        Duration bookmarkInterval,
        Duration snapshotWindow,
        Duration pollInterval,
        Long retainedRevisions,
        Integer maxWatchesPerNode,
        Duration watchTimeout) {

    public NodeStreamProperties {
        bookmarkInterval = bookmarkInterval == null ? Duration.ofSeconds(5) : bookmarkInterval;
        snapshotWindow = snapshotWindow == null ? Duration.ofSeconds(1) : snapshotWindow;
        pollInterval = pollInterval == null ? Duration.ofMillis(100) : pollInterval;
        retainedRevisions = retainedRevisions == null ? 1_000_000L : retainedRevisions;
        maxWatchesPerNode = maxWatchesPerNode == null ? 16 : maxWatchesPerNode;
        watchTimeout = watchTimeout == null ? Duration.ofMinutes(30) : watchTimeout;
    }
}
