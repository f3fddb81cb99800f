package io.policyledger.bench.engine;

import io.policyledger.core.engine.PolicyEngine;

/**
 * The heap the engine keeps for a cluster: used heap after a full GC with the engine loaded, minus the
 * same without it (the model's own inputs are counted, as the engine holds equivalent ones).
 * {@code java -cp policy-ledger-engine-bench.jar io.policyledger.bench.engine.HeapFootprint [namespaces]}
 */
public final class HeapFootprint {

    private HeapFootprint() {}

    public static void main(String[] args) throws Exception {
        int namespaces = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long empty = usedAfterGc();
        long start = System.nanoTime();
        PolicyEngine engine = new ClusterModel(namespaces, 100, 2).load();
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        long loaded = usedAfterGc();
        System.out.printf(
                "namespaces=%d pods=%d policies=%d rule sets=%d peer sets=%d load=%d ms heap=%d MiB (max %d MiB)%n",
                namespaces,
                engine.pods().size(),
                engine.policies().size(),
                engine.ruleSets().size(),
                engine.peerSetIds().size(),
                loadMillis,
                (loaded - empty) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
