package dev.whopper.sim.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finished operations per kind (in order of each kind's first start) and failed ones, for the run's
 * counters. A kind gets its index once, when it first starts; counting a finish is then an array
 * increment.
 */
final class OpCounts {
    private final LinkedHashMap<String, Integer> index = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    /** The first {@value #BY_IDENTITY} kinds' names, matched by identity first (kinds are usually literals). */
    private final String[] byIdentity = new String[BY_IDENTITY];
    private static final int BY_IDENTITY = 8;
    private long[] finished = new long[8];
    private long failed;

    /**
     * @param kind an operation kind
     * @return its index, assigned in order of first appearance
     */
    int kindIndex(String kind) {
        for (int i = 0; i < BY_IDENTITY; i++) {
            if (byIdentity[i] == kind) {
                return i; // no hashing: an operation start looks up its kind every time
            }
        }
        Integer idx = index.get(kind);
        if (idx == null) {
            idx = names.size();
            index.put(kind, idx);
            names.add(kind);
            if (idx < BY_IDENTITY) {
                byIdentity[idx] = kind;
            }
            if (idx >= finished.length) {
                finished = Arrays.copyOf(finished, finished.length * 2);
            }
        }
        return idx;
    }

    /**
     * @param kindIndex  the finished operation's {@link #kindIndex}
     * @param failedOp   whether it finished failed
     */
    void finished(int kindIndex, boolean failedOp) {
        finished[kindIndex]++;
        if (failedOp) {
            failed++;
        }
    }

    /** @return operations that finished failed */
    long failed() {
        return failed;
    }

    /** @return finished operations per kind, in order of each kind's first start */
    Map<String, Long> perKind() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), finished[i]);
        }
        return out;
    }
}
