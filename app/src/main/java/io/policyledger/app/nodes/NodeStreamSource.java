package io.policyledger.app.nodes;

import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.effective.NodeRulesReader.NodeChanges;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A node's stream, read and rendered as watch events: everything (ADDED) or the changes after a
 * revision (MODIFIED, then DELETED), in the order an agent applies them.
 */
@Component
class NodeStreamSource {

    /** Watch event lines that take a node's agent to {@code revision}, and the horizon read with them. */
    record Lines(long revision, List<String> lines, NodeRulesReader.Horizon horizon) {
    }

    private final NodeRulesReader reader;
    private final NodeRulesPresenter presenter;

    NodeStreamSource(NodeRulesReader reader, NodeRulesPresenter presenter) {
        this.reader = reader;
        this.presenter = presenter;
    }

    /** Everything on the node ({@code after} &lt; 0), or what changed after {@code after}. */
    Lines after(String node, long after) {
        try {
            return render(reader.read(node, after, presenter::hasPeerSet), after < 0);
        } catch (NodeRulesPresenter.NotRendered e) {
            // A rendered peer set was evicted between the read and the rendering: read its members too.
            return render(reader.read(node, after, (id, revision) -> false), after < 0);
        }
    }

    private Lines render(NodeChanges changes, boolean snapshot) {
        long at = changes.revision();
        List<String> lines = new ArrayList<>();
        changes.peerSets().forEach(p -> lines.add(presenter.event(snapshot || p.added() ? "ADDED" : "MODIFIED",
                presenter.peerSet(p, at)).toString()));
        changes.ruleSets().forEach(r -> lines.add(presenter.event(snapshot || r.added() ? "ADDED" : "MODIFIED",
                presenter.podRules(r, at)).toString()));
        changes.removed().forEach(r -> lines.add(presenter.event("DELETED", presenter.removed(r, at)).toString()));
        return new Lines(at, lines, changes.horizon());
    }

    NodeRulesReader.Horizon horizon() {
        return reader.horizon();
    }

    long position() {
        return reader.position();
    }
}
