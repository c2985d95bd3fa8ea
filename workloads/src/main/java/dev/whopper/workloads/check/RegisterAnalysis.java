package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.MicroOp;
import java.util.ArrayList;
import java.util.List;

/**
 * rw-register: who wrote what, the read anomalies (aborted, intermediate, garbage, internal, lost update), and
 * the ww, wr and rw edges from the version order Elle can infer without guessing: the initial {@code nil}
 * comes before every written version, and a transaction that read version {@code a} of a key and then wrote
 * {@code b} puts {@code b} right after {@code a}. Nothing is inferred from real time.
 */
final class RegisterAnalysis {
    /** Bound on the rw edges from readers of the initial nil to every writer of the key. */
    static final int MAX_NIL_EDGES = 2_000_000;

    private final Transactions t;
    private final Findings f;
    private final DepGraph g;
    private final Keys keys = new Keys();
    /** Who wrote each (key, value), and which writes the writer overwrote itself. */
    private final Writes writes;
    /** (key, value) -> index into {@link #readers}: the committed transactions whose external read saw it. */
    private final PairIntMap readerGroup;
    private final List<IntList> readers = new ArrayList<>();
    /** Per key id: committed transactions that read the initial nil; writers whose final write may have committed. */
    private final List<IntList> nilReaders = new ArrayList<>();
    private final List<IntList> finalWriters = new ArrayList<>();
    private final List<LongList> finalWritten = new ArrayList<>();

    RegisterAnalysis(Transactions t, Findings f, DepGraph g) {
        this.t = t;
        this.f = f;
        this.g = g;
        int ops = 0;
        for (Txn x : t.txns) {
            ops += x.ops().size();
        }
        writes = new Writes(t, ops);
        readerGroup = new PairIntMap(ops);
    }

    void run() {
        indexWrites();
        for (Txn x : t.txns) {
            if (x.outcome() == Event.Type.OK) {
                scanReads(x);
                internal(x);
                indexExternalReads(x);
            }
        }
        readEdges();
        versionEdges();
        nilEdges();
        lostUpdates();
    }

    private int kid(long key) {
        int id = keys.id(key);
        while (nilReaders.size() <= id) {
            nilReaders.add(new IntList(2));
            finalWriters.add(new IntList(2));
            finalWritten.add(new LongList());
        }
        return id;
    }

    private void indexWrites() {
        for (Txn x : t.txns) {
            List<MicroOp> ops = x.ops();
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i) instanceof MicroOp.Write w) {
                    int k = kid(w.key());
                    if (writes.add(k, ops, i, x.id()) && t.mayHaveCommitted(x.id())) {
                        finalWriters.get(k).add(x.id());
                        finalWritten.get(k).add(w.value());
                    }
                }
            }
        }
    }

    private void scanReads(Txn x) {
        for (MicroOp op : x.ops()) {
            if (!(op instanceof MicroOp.RegisterRead r) || r.value() == null) {
                continue;
            }
            int k = kid(r.key());
            long v = r.value();
            int w = writes.checkRead(f, x, r.key(), k, v);
            if (w != PairIntMap.ABSENT && w != x.id() && writes.intermediate(k, v)) {
                f.add(new Anomaly.IntermediateRead(x, r.key(), v, t.get(w), writes.finalValue(k, v)));
            }
        }
    }

    /** A read after the transaction's own write or read of the key must see that value. */
    private void internal(Txn x) {
        List<MicroOp> ops = x.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof MicroOp.RegisterRead r)) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                MicroOp before = ops.get(j);
                if (before.key() != r.key()) {
                    continue;
                }
                Long expected = before instanceof MicroOp.Write w ? Long.valueOf(w.value())
                    : before instanceof MicroOp.RegisterRead p ? p.value() : null;
                if (!java.util.Objects.equals(expected, r.value())) {
                    f.add(new Anomaly.Internal(x, r.key(), text(expected), text(r.value())));
                }
                break;
            }
        }
    }

    static String text(Long v) {
        return v == null ? "nil" : v.toString();
    }

    private void indexExternalReads(Txn x) {
        List<MicroOp> ops = x.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof MicroOp.RegisterRead r && ListAppendAnalysis.firstOnKey(ops, i)) {
                int k = kid(r.key());
                if (r.value() == null) {
                    nilReaders.get(k).add(x.id());
                    continue;
                }
                int grp = readerGroup.putIfAbsent(k, r.value(), readers.size());
                if (grp == PairIntMap.ABSENT) {
                    readers.add(new IntList(2));
                    grp = readers.size() - 1;
                }
                readers.get(grp).add(x.id());
            }
        }
    }

    private void readEdges() {
        for (Txn x : t.txns) {
            if (x.outcome() != Event.Type.OK) {
                continue;
            }
            List<MicroOp> ops = x.ops();
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i) instanceof MicroOp.RegisterRead r && r.value() != null && ListAppendAnalysis.firstOnKey(ops, i)) {
                    int w = writes.committable(keys.id(r.key()), r.value());
                    if (w >= 0) {
                        g.add(w, x.id(), EdgeKind.WR, r.key(), r.value(), DepGraph.NONE);
                    }
                }
            }
        }
    }

    /** A committed read of version a followed by the transaction's final write b: b is the version after a. */
    private void versionEdges() {
        for (Txn x : t.txns) {
            if (x.outcome() != Event.Type.OK) {
                continue;
            }
            List<MicroOp> ops = x.ops();
            for (int i = 0; i < ops.size(); i++) {
                if (!(ops.get(i) instanceof MicroOp.RegisterRead r) || r.value() == null
                    || !ListAppendAnalysis.firstOnKey(ops, i)) {
                    continue;
                }
                Long b = finalWriteAfter(ops, i);
                if (b == null) {
                    continue;
                }
                int k = keys.id(r.key());
                int w = writes.committable(k, r.value());
                if (w >= 0) {
                    g.add(w, x.id(), EdgeKind.WW, r.key(), r.value(), b);
                }
                IntList rs = readers.get(readerGroup.get(k, r.value()));
                for (int j = 0; j < rs.size(); j++) {
                    g.add(rs.get(j), x.id(), EdgeKind.RW, r.key(), r.value(), b);
                }
            }
        }
    }

    private static Long finalWriteAfter(List<MicroOp> ops, int i) {
        Long last = null;
        for (int j = i + 1; j < ops.size(); j++) {
            if (ops.get(j) instanceof MicroOp.Write w && w.key() == ops.get(i).key()) {
                last = w.value();
            }
        }
        return last;
    }

    /** The initial nil precedes every version: a reader of nil anti-depends on every writer of the key. */
    private void nilEdges() {
        long budget = MAX_NIL_EDGES;
        for (int k = 0; k < nilReaders.size(); k++) {
            IntList rs = nilReaders.get(k);
            IntList ws = finalWriters.get(k);
            for (int i = 0; i < rs.size(); i++) {
                for (int j = 0; j < ws.size(); j++) {
                    if (--budget < 0) {
                        f.truncated = true;
                        return;
                    }
                    g.add(rs.get(i), ws.get(j), EdgeKind.RW, keys.key(k), DepGraph.NONE, finalWritten.get(k).get(j));
                }
            }
        }
    }

    private void lostUpdates() {
        LostUpdates lost = new LostUpdates(keys);
        for (Txn x : t.txns) {
            if (x.outcome() != Event.Type.OK) {
                continue;
            }
            List<MicroOp> ops = x.ops();
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i) instanceof MicroOp.RegisterRead r && ListAppendAnalysis.firstOnKey(ops, i)
                    && finalWriteAfter(ops, i) != null) {
                    lost.read(x, r.key(), r.value() == null ? DepGraph.NONE : r.value(), text(r.value()));
                }
            }
        }
        lost.report(f);
    }
}
