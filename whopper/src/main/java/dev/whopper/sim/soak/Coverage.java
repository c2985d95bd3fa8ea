package dev.whopper.sim.soak;

import dev.whopper.sim.Counters;
import dev.whopper.sim.RunResult;
import java.util.Map;
import java.util.TreeSet;

/**
 * The coverage items of one run: which behaviours happened and how often, in power-of-two buckets as fuzzers
 * bucket hit counts (each operation kind that finished, each fault kind injected, each workload counter that
 * moved, e.g. {@code workload:busy@8-15}, each named yield point reached and each engine outcome the workload saw,
 * from the run's metrics; a crash, injected yields, failed operations, the outcome kind). A soak
 * sums them over its seeds ({@link CoverageSummary}); the items come from the run's counters, so they are as
 * deterministic as the run.
 */
public final class Coverage {
    private Coverage() { }

    /**
     * @param r a finished run
     * @return its items, sorted
     */
    public static TreeSet<String> items(RunResult r) {
        TreeSet<String> items = new TreeSet<>();
        Counters c = r.counters();
        positive(items, "op:", c.opsByKind());
        positive(items, "fault:", c.faultsByKind());
        positive(items, "workload:", r.workloadCounters());
        positive(items, "yield:", r.metrics().yieldPoints());
        positive(items, "engine:", r.metrics().engine());
        if (c.crashes() > 0) {
            items.add("crash");
        }
        if (c.yieldsInjected() > 0) {
            items.add("yield-injected");
        }
        if (c.opsFailed() > 0) {
            items.add("op-failed");
        }
        items.add("outcome:" + r.kind());
        return items;
    }

    /**
     * @param count a count, &gt; 0
     * @return its power-of-two bucket: {@code 1}, {@code 2-3}, {@code 4-7}, ...
     */
    static String bucket(long count) {
        long low = Long.highestOneBit(count);
        return low == 1 ? "1" : low + "-" + (2 * low - 1);
    }

    private static void positive(TreeSet<String> items, String prefix, Map<String, Long> counts) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() > 0) {
                items.add(prefix + e.getKey() + "@" + bucket(e.getValue()));
            }
        }
    }
}
