package dev.whopper.workloads.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated histories for tests and benchmarks. Processes each run one transaction at a time, invocations and
 * completions interleaved at random; a transaction takes effect atomically when it completes, so the history is
 * strict serializable ({@code snapshotReads = false}). With {@code snapshotReads = true}, reads see the state as it
 * was when the transaction was invoked while writes apply at completion (snapshot isolation without a
 * first-committer-wins rule), which makes lost updates and dependency cycles. About 5% of transactions fail
 * (no effect) and 2% are indeterminate (info: applied or not, at random). Keys rotate as in Elle's generator:
 * {@code activeKeys} keys are in use at a time, and a key retires after {@link #MAX_WRITES_PER_KEY} writes.
 */
public final class SyntheticHistories {
    /** Writes a key takes before a fresh key replaces it. */
    public static final int MAX_WRITES_PER_KEY = 64;

    private SyntheticHistories() { }

    /**
     * @param model         list-append or rw-register
     * @param seed          the seed; the same seed gives the same history
     * @param transactions  how many transactions, &gt;= 0
     * @param processes     how many processes, &gt; 0
     * @param activeKeys    keys in use at a time, &gt; 0
     * @param snapshotReads true for reads from the invocation's snapshot (anomalies), false for a strict serializable
     *                      history
     * @return the history
     */
    public static History generate(Model model, long seed, int transactions, int processes, int activeKeys,
                                   boolean snapshotReads) {
        if (processes <= 0 || activeKeys <= 0 || transactions < 0) {
            throw new IllegalArgumentException("transactions/processes/activeKeys: " + transactions + "/" + processes + "/"
                + activeKeys + " (expected: >= 0, > 0, > 0)");
        }
        return new Run(model, new SplittableRandom(seed), processes, activeKeys, snapshotReads).run(transactions);
    }

    /** One generation: the store, the processes' transactions in flight, and the recorder. */
    private static final class Run {
        private final Model model;
        private final SplittableRandom rnd;
        private final boolean snapshotReads;
        private final HistoryRecorder rec = new HistoryRecorder();
        /** Per key: its list (list-append; copy on write) or {value} (rw-register), and writes so far. */
        private final List<long[]> state = new ArrayList<>();
        private final List<Integer> writes = new ArrayList<>();
        private final long[] active;
        private long nextKey;
        private long nextValue = 1;
        private long time;
        private final int[] handle;
        private final List<List<MicroOp>> planned;
        private final List<long[][]> snapshot;

        Run(Model model, SplittableRandom rnd, int processes, int activeKeys, boolean snapshotReads) {
            this.model = model;
            this.rnd = rnd;
            this.snapshotReads = snapshotReads;
            this.active = new long[activeKeys];
            for (int i = 0; i < activeKeys; i++) {
                active[i] = freshKey();
            }
            handle = new int[processes];
            Arrays.fill(handle, -1);
            planned = new ArrayList<>();
            snapshot = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                planned.add(null);
                snapshot.add(null);
            }
        }

        private long freshKey() {
            state.add(model == Model.LIST_APPEND ? new long[0] : null);
            writes.add(0);
            return nextKey++;
        }

        History run(int transactions) {
            int invoked = 0;
            int inFlight = 0;
            while (invoked < transactions || inFlight > 0) {
                int p = rnd.nextInt(handle.length);
                time += 1 + rnd.nextInt(1000);
                if (handle[p] < 0 && invoked < transactions) {
                    invoke(p);
                    invoked++;
                    inFlight++;
                } else if (handle[p] >= 0) {
                    complete(p);
                    inFlight--;
                }
            }
            return rec.history();
        }

        private void invoke(int p) {
            List<MicroOp> ops = new ArrayList<>();
            for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
                int slot = rnd.nextInt(active.length);
                long k = active[slot];
                if (rnd.nextInt(2) == 0) {
                    ops.add(model == Model.LIST_APPEND ? new MicroOp.Append(k, nextValue++) : new MicroOp.Write(k, nextValue++));
                    int w = writes.get((int) k) + 1;
                    writes.set((int) k, w);
                    if (w >= MAX_WRITES_PER_KEY) {
                        active[slot] = freshKey();
                    }
                } else {
                    ops.add(model == Model.LIST_APPEND ? MicroOp.ListRead.unknown(k) : new MicroOp.RegisterRead(k, null));
                }
            }
            planned.set(p, ops);
            snapshot.set(p, snapshotReads ? state.toArray(new long[0][]) : null);
            handle[p] = rec.invoke(p, time, ops);
        }

        private void complete(int p) {
            List<MicroOp> ops = planned.get(p);
            int roll = rnd.nextInt(100);
            if (roll < 5) {
                rec.complete(handle[p], Event.Type.FAIL, time, ops);
            } else if (roll < 7) {
                if (rnd.nextBoolean()) {
                    apply(ops, snapshot.get(p));
                }
                rec.complete(handle[p], Event.Type.INFO, time, ops);
            } else {
                rec.complete(handle[p], Event.Type.OK, time, apply(ops, snapshot.get(p)));
            }
            handle[p] = -1;
        }

        /** Applies the transaction to the store; its reads see its own writes over the store or its snapshot. */
        private List<MicroOp> apply(List<MicroOp> ops, long[][] snap) {
            List<MicroOp> done = new ArrayList<>(ops.size());
            List<Long> ownKeys = new ArrayList<>();
            List<long[]> own = new ArrayList<>();
            for (MicroOp op : ops) {
                int k = (int) op.key();
                int at = ownKeys.indexOf(op.key());
                long[] seen = at >= 0 ? own.get(at) : snap != null && k < snap.length ? snap[k] : state.get(k);
                long[] now = seen;
                if (op instanceof MicroOp.Append a) {
                    now = Arrays.copyOf(seen, seen.length + 1);
                    now[seen.length] = a.value();
                } else if (op instanceof MicroOp.Write w) {
                    now = new long[] {w.value()};
                }
                done.add(op.isRead() ? read(op.key(), seen) : op);
                if (at >= 0) {
                    own.set(at, now);
                } else {
                    ownKeys.add(op.key());
                    own.add(now);
                }
            }
            for (int i = 0; i < ownKeys.size(); i++) {
                commit(ownKeys.get(i).intValue(), own.get(i), ops);
            }
            return done;
        }

        private MicroOp read(long key, long[] seen) {
            if (model == Model.LIST_APPEND) {
                return new MicroOp.ListRead(key, seen);
            }
            return new MicroOp.RegisterRead(key, seen == null ? null : seen[0]);
        }

        /** Installs the transaction's writes of key {@code k}: its appends go after the store's current list. */
        private void commit(int k, long[] mine, List<MicroOp> ops) {
            if (model == Model.RW_REGISTER) {
                if (mine != null && writesKey(ops, k)) {
                    state.set(k, mine);
                }
                return;
            }
            long[] current = state.get(k);
            long[] out = current;
            for (MicroOp op : ops) {
                if (op instanceof MicroOp.Append a && a.key() == k) {
                    out = Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = a.value();
                }
            }
            state.set(k, out);
        }

        private static boolean writesKey(List<MicroOp> ops, int k) {
            for (MicroOp op : ops) {
                if (op instanceof MicroOp.Write && op.key() == k) {
                    return true;
                }
            }
            return false;
        }
    }
}
