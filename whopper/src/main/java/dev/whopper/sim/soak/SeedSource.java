package dev.whopper.sim.soak;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the seed indices a soak still has to run, each once, to any number of worker threads: first the
 * holes a killed session left (indices below its frontier that are not in the ledger), then the shard's
 * indices from the frontier on, until the plan's end or {@link #stop()}.
 */
public final class SeedSource {
    private final SeedPlan plan;
    private final long[] holes;
    private final AtomicInteger nextHole = new AtomicInteger();
    private final AtomicLong nextK;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * @param plan the soak's seeds
     * @param done the global indices already in the ledger
     */
    public SeedSource(SeedPlan plan, Set<Long> done) {
        this.plan = plan;
        long frontier = 0; // the shard's first k past every done index
        for (long g : done) {
            if (plan.shard().owns(g)) {
                frontier = Math.max(frontier, (g - plan.shard().index()) / plan.shard().count() + 1);
            }
        }
        long[] h = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, frontier - done.size()) + 16)];
        int n = 0;
        for (long k = 0; k < frontier; k++) {
            long g = plan.globalIndex(k);
            if (g >= 0 && !done.contains(g)) {
                if (n == h.length) {
                    h = java.util.Arrays.copyOf(h, h.length * 2);
                }
                h[n++] = g;
            }
        }
        this.holes = java.util.Arrays.copyOf(h, n);
        this.nextK = new AtomicLong(frontier);
    }

    /** @return the next seed index to run, or -1 when there is none (the end, or stopped) */
    public long next() {
        if (stopped.get()) {
            return -1;
        }
        int h = nextHole.getAndIncrement();
        if (h < holes.length) {
            return holes[h];
        }
        long g = plan.globalIndex(nextK.getAndIncrement());
        return g;
    }

    /** No more seeds are handed out (the ones handed out run to their end). */
    public void stop() {
        stopped.set(true);
    }

    /** @return true once {@link #stop()} was called */
    public boolean stopped() {
        return stopped.get();
    }

    /** @return the holes of a killed session this source reruns first */
    public int holes() {
        return holes.length;
    }
}
