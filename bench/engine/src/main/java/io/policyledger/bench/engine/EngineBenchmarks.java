package io.policyledger.bench.engine;

import io.policyledger.core.engine.EngineNamespace;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PolicyEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The policy engine at Felix's design point (by default 100,000 pods in 1,000 namespaces with 2,000
 * policies): a full compute from nothing, which is also what a naive engine does on every change, and
 * the incremental cost of one pod label change and of one namespace label change. The ratio of the
 * two is what incrementality buys. Run with {@code java -jar policy-ledger-engine-bench.jar} (JMH
 * options work: {@code -p namespaces=100} for a smaller cluster, {@code -f 1 -wi 2 -i 3}).
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class EngineBenchmarks {

    @Param("1000")
    int namespaces;

    @Param("100")
    int podsPerNamespace;

    @Param("2")
    int policiesPerNamespace;
    /** ClusterNetworkPolicies (see {@link ClusterModel}); 0: NetworkPolicies alone, as before issue 13. */
    @Param("0")
    int clusterPolicies;

    private ClusterModel model;
    private PolicyEngine engine;
    private int tick;

    @Setup(Level.Trial)
    public void setUp() {
        model = new ClusterModel(namespaces, podsPerNamespace, policiesPerNamespace, clusterPolicies);
        engine = model.load();
    }

    /** Everything computed from nothing: startup, and the cost of a naive engine on every change. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public PolicyEngine fullCompute() {
        return model.load();
    }

    /** One pod moves to another app (and back on the next call): peer sets and its own rules change. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void podLabelChange(Blackhole out) {
        int i = tick++;
        int n = (i * 7919) % namespaces;
        int p = (i * 31) % podsPerNamespace;
        String app = "app-" + ((p + (i / namespaces % 2 == 0 ? 1 : 0)) % 10);
        EnginePod pod = ClusterModel.pod("ns-" + n, n, p, app, "v1");
        engine.setPod(pod);
        out.consume(engine.flush());
    }

    /** A namespace joins (and on the next call leaves) the monitoring team that other policies admit. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void namespaceLabelChange(Blackhole out) {
        int i = tick++;
        int n = 1 + (i * 7919) % (namespaces - 1);
        EngineNamespace before = engine.namespace("ns-" + n);
        boolean monitoring = "monitoring".equals(before.labels().get("team"));
        engine.setNamespace(ClusterModel.namespace("ns-" + n, monitoring ? "team-" + (n % 40) : "monitoring"));
        out.consume(engine.flush());
    }

    /**
     * One team's Admin guard moves between two priorities (and back on the next call): the rule sets of
     * that team's pods are computed again. Without ClusterNetworkPolicies, a no-op.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void clusterPolicyChange(Blackhole out) {
        if (clusterPolicies < 2) {
            out.consume(engine.flush());
            return;
        }
        int i = tick++;
        engine.setClusterPolicy(ClusterModel.guard(0, i % 2 == 0 ? 5 : 0));
        out.consume(engine.flush());
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
