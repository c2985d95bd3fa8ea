package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.MicroOp;
import java.util.ArrayList;
import java.util.List;

/**
 * list-append: who appended what, the version order of each key (its longest committed read, which every other
 * read must be a prefix of), the read anomalies (aborted, intermediate, garbage, duplicated, incompatible,
 * internal, lost update) and the ww, wr and rw edges. Linear in the total size of the reads.
 */
final class ListAppendAnalysis {
    private final Transactions t;
    private final Findings f;
    private final DepGraph g;
    private final Keys keys = new Keys();
    /** Who appended each (key, value), and which appends the appender followed with another to the key. */
    private final Writes writes;
    /** (key, value) -> position in the key's version order. */
    private final PairIntMap position;
    /** Per key id: the longest committed read (the version order) and who read it. */
    private final List<MicroOp.ListRead> longest = new ArrayList<>();
    private final IntList longestTxn = new IntList();

    ListAppendAnalysis(Transactions t, Findings f, DepGraph g) {
        this.t = t;
        this.f = f;
        this.g = g;
        int ops = 0;
        for (Txn x : t.txns) {
            ops += x.ops().size();
        }
        writes = new Writes(t, ops);
        position = new PairIntMap(ops);
    }

    void run() {
        indexAppends();
        for (Txn x : t.txns) {
            if (x.outcome() == Event.Type.OK) {
                scanReads(x);
                new InternalCheck(x).run();
            }
        }
        incompatibleOrders();
        edges();
        lostUpdates();
    }

    private int kid(long key) {
        int id = keys.id(key);
        while (longest.size() <= id) {
            longest.add(null);
            longestTxn.add(-1);
        }
        return id;
    }

    private void indexAppends() {
        for (Txn x : t.txns) {
            List<MicroOp> ops = x.ops();
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i) instanceof MicroOp.Append a) {
                    writes.add(kid(a.key()), ops, i, x.id());
                }
            }
        }
    }

    private void scanReads(Txn x) {
        for (MicroOp op : x.ops()) {
            if (!(op instanceof MicroOp.ListRead r) || !r.known()) {
                continue;
            }
            int k = kid(r.key());
            MicroOp.ListRead best = longest.get(k);
            if (best == null || r.size() > best.size()) {
                longest.set(k, r);
                longestTxn.set(k, x.id());
            }
            duplicates(x, r);
            for (int i = 0; i < r.size(); i++) {
                writes.checkRead(f, x, r.key(), k, r.get(i));
            }
            if (r.size() > 0) {
                long v = r.get(r.size() - 1);
                int w = writes.writer(k, v);
                if (w != PairIntMap.ABSENT && w != x.id() && writes.intermediate(k, v)) {
                    f.add(new Anomaly.IntermediateRead(x, r.key(), v, t.get(w), writes.finalValue(k, v)));
                }
            }
        }
    }

    private void duplicates(Txn x, MicroOp.ListRead r) {
        if (r.size() < 2) {
            return;
        }
        PairIntMap seen = new PairIntMap(r.size());
        for (int i = 0; i < r.size(); i++) {
            long v = r.get(i);
            int at = seen.putIfAbsent(0, v, 1);
            if (at != PairIntMap.ABSENT) {
                seen.put(0, v, at + 1);
                if (at == 1) {
                    int times = 0;
                    for (int j = 0; j < r.size(); j++) {
                        times += r.get(j) == v ? 1 : 0;
                    }
                    f.add(new Anomaly.DuplicateElements(x, r.key(), v, times));
                }
            }
        }
    }

    /** Each committed read must be a prefix of its key's longest read; positions come from the longest. */
    private void incompatibleOrders() {
        for (int k = 0; k < longest.size(); k++) {
            MicroOp.ListRead l = longest.get(k);
            if (l == null) {
                continue;
            }
            for (int i = 0; i < l.size(); i++) {
                position.putIfAbsent(k, l.get(i), i);
            }
        }
        for (Txn x : t.txns) {
            if (x.outcome() != Event.Type.OK) {
                continue;
            }
            for (MicroOp op : x.ops()) {
                if (op instanceof MicroOp.ListRead r && r.known() && !isPrefix(r)) {
                    int k = keys.id(r.key());
                    f.add(new Anomaly.IncompatibleOrder(r.key(), t.get(longestTxn.get(k)), Lists.text(longest.get(k)), x,
                        Lists.text(r)));
                }
            }
        }
    }

    private boolean isPrefix(MicroOp.ListRead r) {
        MicroOp.ListRead l = longest.get(keys.id(r.key()));
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i) != l.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void edges() {
        for (int k = 0; k < longest.size(); k++) {
            MicroOp.ListRead l = longest.get(k);
            for (int i = 1; l != null && i < l.size(); i++) {
                int w1 = writes.committable(k, l.get(i - 1));
                int w2 = writes.committable(k, l.get(i));
                if (w1 >= 0 && w2 >= 0) {
                    g.add(w1, w2, EdgeKind.WW, keys.key(k), l.get(i - 1), l.get(i));
                }
            }
        }
        for (Txn x : t.txns) {
            if (x.outcome() != Event.Type.OK) {
                continue;
            }
            for (MicroOp.ListRead r : externalReads(x)) {
                if (isPrefix(r)) {
                    readEdges(x, r);
                }
            }
        }
    }

    private void readEdges(Txn x, MicroOp.ListRead r) {
        int k = keys.id(r.key());
        MicroOp.ListRead l = longest.get(k);
        int next = 0;
        long seen = DepGraph.NONE;
        if (r.size() > 0) {
            seen = r.get(r.size() - 1);
            int w = writes.committable(k, seen);
            if (w >= 0) {
                g.add(w, x.id(), EdgeKind.WR, r.key(), seen, DepGraph.NONE);
            }
            next = r.size();
        }
        if (next < l.size()) {
            int w2 = writes.committable(k, l.get(next));
            if (w2 >= 0) {
                g.add(x.id(), w2, EdgeKind.RW, r.key(), seen, l.get(next));
            }
        }
    }

    /** @return the transaction's first read of each key, when it comes before any append of its own to the key */
    static List<MicroOp.ListRead> externalReads(Txn x) {
        List<MicroOp.ListRead> out = new ArrayList<>(2);
        List<MicroOp> ops = x.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof MicroOp.ListRead r && r.known() && firstOnKey(ops, i)) {
                out.add(r);
            }
        }
        return out;
    }

    static boolean firstOnKey(List<MicroOp> ops, int i) {
        for (int j = 0; j < i; j++) {
            if (ops.get(j).key() == ops.get(i).key()) {
                return false;
            }
        }
        return true;
    }

    private void lostUpdates() {
        LostUpdates lost = new LostUpdates(keys);
        for (Txn x : t.txns) {
            if (x.outcome() != Event.Type.OK) {
                continue;
            }
            for (MicroOp.ListRead r : externalReads(x)) {
                boolean appends = false;
                for (MicroOp op : x.ops()) {
                    appends |= op instanceof MicroOp.Append a && a.key() == r.key();
                }
                if (appends) {
                    lost.read(x, r.key(), r.size() == 0 ? DepGraph.NONE : r.get(r.size() - 1), Lists.text(r));
                }
            }
        }
        lost.report(f);
    }

    /** The internal consistency of one transaction's reads with its own earlier reads and appends. */
    private final class InternalCheck {
        private final Txn x;
        private final List<Long> stateKeys = new ArrayList<>(4);
        /** Per key: the list as the transaction knows it, or null when it has not read it. */
        private final List<LongList> known = new ArrayList<>(4);
        /** Per key: what it appended since its last read. */
        private final List<LongList> suffix = new ArrayList<>(4);

        InternalCheck(Txn x) {
            this.x = x;
        }

        void run() {
            for (MicroOp op : x.ops()) {
                int s = slot(op.key());
                if (op instanceof MicroOp.Append a) {
                    (known.get(s) != null ? known.get(s) : suffix.get(s)).add(a.value());
                } else if (op instanceof MicroOp.ListRead r && r.known()) {
                    check(r, s);
                    LongList now = new LongList();
                    for (int i = 0; i < r.size(); i++) {
                        now.add(r.get(i));
                    }
                    known.set(s, now);
                    suffix.set(s, new LongList());
                }
            }
        }

        private int slot(long key) {
            int s = stateKeys.indexOf(key);
            if (s < 0) {
                stateKeys.add(key);
                known.add(null);
                suffix.add(new LongList());
                s = stateKeys.size() - 1;
            }
            return s;
        }

        private void check(MicroOp.ListRead r, int s) {
            LongList k = known.get(s);
            if (k != null) {
                boolean same = k.size() == r.size();
                for (int i = 0; same && i < r.size(); i++) {
                    same = k.get(i) == r.get(i);
                }
                if (!same) {
                    f.add(new Anomaly.Internal(x, r.key(), text(k), Lists.text(r)));
                }
                return;
            }
            LongList suf = suffix.get(s);
            boolean ends = r.size() >= suf.size();
            for (int i = 0; ends && i < suf.size(); i++) {
                ends = r.get(r.size() - suf.size() + i) == suf.get(i);
            }
            if (!ends) {
                f.add(new Anomaly.Internal(x, r.key(), "[.. " + text(suf).substring(1), Lists.text(r)));
            }
        }

        private String text(LongList l) {
            long[] e = new long[l.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = l.get(i);
            }
            return Lists.text(e, e.length);
        }
    }
}
