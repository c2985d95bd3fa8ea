package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Elle-style checker. {@link #check} pairs a history's invocations and completions into transactions,
 * infers the dependency graph (ww, wr, rw; plus process and real-time order under strict serializability),
 * reports the non-cycle anomalies, then searches each strongly connected component for a shortest cycle of
 * each class and reports it with its witness. Indeterminate (info) transactions are treated as Elle does: their
 * writes may have committed (a read of one is no anomaly and gives edges), their reads are unknown, and they
 * never complete, so nothing follows them in real time; failed transactions did not commit (reading their writes
 * is G1a) and are not in the graph.
 */
public final class Checker {
    /** Witnesses kept per anomaly class (all are counted). */
    public static final int MAX_WITNESSES_PER_TYPE = 8;
    /** Edge visits each cycle search step may make, which bounds the time spent in one enormous component. */
    public static final long VISITS_PER_STEP = 40_000_000L;

    private static final int WW = EdgeKind.WW.bit();
    private static final int WR = EdgeKind.WR.bit();
    private static final int RW = EdgeKind.RW.bit();
    private static final int ORDER = EdgeKind.PROCESS.bit() | EdgeKind.REALTIME.bit();

    private Checker() { }

    /**
     * @param history     the history
     * @param model       list-append or rw-register
     * @param consistency the model to check against
     * @return what was found
     */
    public static CheckResult check(History history, Model model, Consistency consistency) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(consistency, "consistency");
        Transactions t = new Transactions(history);
        Findings f = new Findings();
        DepGraph g = new DepGraph(t.size());
        if (model == Model.LIST_APPEND) {
            new ListAppendAnalysis(t, f, g).run();
        } else {
            new RegisterAnalysis(t, f, g).run();
        }
        if (consistency.usesOrderEdges()) {
            OrderEdges.process(t, g);
            OrderEdges.realtime(t, g);
        }
        g.freeze();
        new Cycles(t, g, f, model).search(consistency.usesOrderEdges());
        int ok = 0;
        int info = 0;
        for (Txn x : t.txns) {
            ok += x.outcome() == Event.Type.OK ? 1 : 0;
            info += x.outcome() == Event.Type.INFO ? 1 : 0;
        }
        return new CheckResult(model, consistency, t.size(), ok, info, f.anomalies(), f.found(), f.truncated);
    }

    /** The cycle search steps, and witnesses made from the cycles found. */
    private static final class Cycles {
        private final Transactions t;
        private final DepGraph g;
        private final Findings f;
        private final Model model;
        private final CycleSearch search;
        private final Set<String> reported = new HashSet<>();

        Cycles(Transactions t, DepGraph g, Findings f, Model model) {
            this.t = t;
            this.g = g;
            this.f = f;
            this.model = model;
            this.search = new CycleSearch(g, VISITS_PER_STEP);
        }

        void search(boolean order) {
            step(WW, WW);                 // G0
            step(WR, WW | WR);            // G1c
            step(RW, WW | WR);            // G-single
            step(RW, WW | WR | RW);       // G2-item
            if (order) {
                step(ORDER, WW | ORDER);              // G0-realtime / -process
                step(ORDER, WW | WR | ORDER);         // G1c-realtime
                step(RW, WW | WR | ORDER);            // G-single-realtime
                step(ORDER, WW | WR | RW | ORDER);    // G2-item-realtime
            }
            f.truncated |= search.exhausted();
        }

        private void step(int required, int pathMask) {
            search.budget(VISITS_PER_STEP);
            List<IntList> members = new ArrayList<>();
            int[] comp = search.components(required | pathMask, members);
            for (int c = 0; c < members.size(); c++) {
                int[] cycle = search.shortestCycle(comp, c, members.get(c), required, pathMask);
                if (cycle != null) {
                    report(cycle);
                }
            }
        }

        private void report(int[] cycle) {
            int[] ids = new int[cycle.length];
            for (int i = 0; i < cycle.length; i++) {
                ids[i] = g.src(cycle[i]);
            }
            int[] sorted = ids.clone();
            Arrays.sort(sorted);
            if (!reported.add(Arrays.toString(sorted))) {
                return;
            }
            int startAt = 0;
            for (int i = 1; i < ids.length; i++) {
                if (ids[i] < ids[startAt]) {
                    startAt = i;
                }
            }
            List<Txn> txns = new ArrayList<>(cycle.length);
            List<Edge> edges = new ArrayList<>(cycle.length);
            int rw = 0;
            int wr = 0;
            int orderKind = 0;
            for (int i = 0; i < cycle.length; i++) {
                int e = cycle[(startAt + i) % cycle.length];
                txns.add(t.get(g.src(e)));
                edges.add(edge(e));
                int k = g.kindBit(e);
                rw += k == RW ? 1 : 0;
                wr += k == WR ? 1 : 0;
                orderKind = Math.max(orderKind, k == EdgeKind.REALTIME.bit() ? 2 : k == EdgeKind.PROCESS.bit() ? 1 : 0);
            }
            f.add(new Anomaly.Cycle(AnomalyType.ofCycle(rw, wr, orderKind), txns, edges));
        }

        private Edge edge(int e) {
            Txn from = t.get(g.src(e));
            Txn to = t.get(g.dst(e));
            EdgeKind kind = kindOf(g.kindBit(e));
            Long key = kind == EdgeKind.PROCESS || kind == EdgeKind.REALTIME ? null : g.key(e);
            return new Edge(from, kind, key, to, Witness.why(model, kind, from, to, g.a(e), g.b(e)));
        }

        private static EdgeKind kindOf(int bit) {
            for (EdgeKind k : EdgeKind.values()) {
                if (k.bit() == bit) {
                    return k;
                }
            }
            throw new AssertionError(bit);
        }
    }
}
