package io.policyledger.app.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.effective.NodeRulesReader.NodeChanges;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A node's stream, read and rendered as watch events: everything (ADDED) or the changes after a
 * revision (MODIFIED, then DELETED), in the order an agent applies them.
 */
@Component
class NodeStreamSource {

    /** Watch event lines that take a node's agent to {@code revision}, and the horizon read with them. */
    record Lines(long revision, List<String> lines, NodeRulesReader.Horizon horizon) {}

    private final NodeRulesReader reader;
    private final NodeRulesPresenter presenter;

    NodeStreamSource(NodeRulesReader reader, NodeRulesPresenter presenter) {
        this.reader = reader;
        this.presenter = presenter;
    }

    /** Everything on the node ({@code after} &lt; 0), or what changed after {@code after}. */
    Lines after(String node, long after) {
        Rendered rendered = read(node, after);
        return new Lines(
                rendered.revision(),
                rendered.events().stream().map(ObjectNode::toString).toList(),
                rendered.horizon());
    }

    /** The node's objects now (peer sets, then pods' rules), and the revision they reflect. */
    record State(long revision, List<ObjectNode> items) {}

    State now(String node) {
        Rendered rendered = read(node, -1);
        return new State(
                rendered.revision(),
                rendered.events().stream()
                        .map(e -> (ObjectNode) e.get("object"))
                        .toList());
    }

    private record Rendered(long revision, List<ObjectNode> events, NodeRulesReader.Horizon horizon) {}

    /**
     * Many nodes' rounds, each from its own revision, all read in one snapshot of the read model and
     * rendered once: what the feed sends to every watcher of a node that has that node's stream up to
     * that revision.
     */
    Map<NodeRulesReader.NodeAfter, Lines> rounds(Map<Long, Set<String>> nodesByAfter) {
        Map<NodeRulesReader.NodeAfter, NodeChanges> read;
        try {
            read = reader.read(nodesByAfter, presenter::hasPeerSet);
            return render(read);
        } catch (NodeRulesPresenter.NotRendered e) {
            return render(reader.read(nodesByAfter, (id, revision) -> false));
        }
    }

    private Map<NodeRulesReader.NodeAfter, Lines> render(Map<NodeRulesReader.NodeAfter, NodeChanges> read) {
        Map<NodeRulesReader.NodeAfter, Lines> out = new HashMap<>();
        read.forEach((key, changes) -> {
            Rendered rendered = render(changes, key.after() < 0);
            out.put(
                    key,
                    new Lines(
                            rendered.revision(),
                            rendered.events().stream().map(ObjectNode::toString).toList(),
                            rendered.horizon()));
        });
        return out;
    }

    private Rendered read(String node, long after) {
        try {
            return render(reader.read(node, after, presenter::hasPeerSet), after < 0);
        } catch (NodeRulesPresenter.NotRendered e) {
            // A rendered peer set was evicted between the read and the rendering: read its members too.
            return render(reader.read(node, after, (id, revision) -> false), after < 0);
        }
    }

    private Rendered render(NodeChanges changes, boolean snapshot) {
        long at = changes.revision();
        List<ObjectNode> events = new ArrayList<>();
        changes.peerSets()
                .forEach(p -> events.add(
                        presenter.event(snapshot || p.added() ? "ADDED" : "MODIFIED", presenter.peerSet(p, at))));
        changes.ruleSets()
                .forEach(r -> events.add(
                        presenter.event(snapshot || r.added() ? "ADDED" : "MODIFIED", presenter.podRules(r, at))));
        changes.removed().forEach(r -> events.add(presenter.event("DELETED", presenter.removed(r, at))));
        return new Rendered(at, events, changes.horizon());
    }

    NodeRulesReader.Horizon horizon() {
        return reader.horizon();
    }

    long position() {
        return reader.position();
    }
}
