package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.MicroOp;
import java.util.List;

/**
 * Who wrote each (key, value) of a history (an append in list-append, a write in rw-register), and which of those
 * writes the same transaction overwrote with a later write of the same key (an intermediate value, whose read is
 * G1b). Values are unique per key, so the writer of a value read is known without guessing. Shared by
 * {@link ListAppendAnalysis} and {@link RegisterAnalysis}.
 */
final class Writes {
    private final Transactions t;
    /** (key id, value) -> the transaction that wrote it. */
    private final PairIntMap writer;
    /** (key id, value) -> index into {@link #finalValues} when its writer wrote the key again later. */
    private final PairIntMap intermediate = new PairIntMap(16);
    private final LongList finalValues = new LongList();

    /**
     * @param t        the history's transactions
     * @param capacity about how many writes there are (the total number of micro-operations will do)
     */
    Writes(Transactions t, int capacity) {
        this.t = t;
        this.writer = new PairIntMap(capacity);
    }

    /**
     * Records the write {@code ops[i]} of transaction {@code txn} to key id {@code k}.
     *
     * @return true when it is the transaction's final write of the key
     */
    boolean add(int k, List<MicroOp> ops, int i, int txn) {
        long value = valueOf(ops.get(i));
        writer.putIfAbsent(k, value, txn);
        long last = lastWrite(ops, i);
        if (last == value) {
            return true;
        }
        intermediate.putIfAbsent(k, value, finalValues.size());
        finalValues.add(last);
        return false;
    }

    /** @return the writer of the value, or {@link PairIntMap#ABSENT} when no transaction wrote it */
    int writer(int k, long v) {
        return writer.get(k, v);
    }

    /** @return the writer of the value when it may have committed, else -1 */
    int committable(int k, long v) {
        int w = writer.get(k, v);
        return w != PairIntMap.ABSENT && t.mayHaveCommitted(w) ? w : -1;
    }

    /** @return true when the value's writer overwrote it with a later write of the same key */
    boolean intermediate(int k, long v) {
        return intermediate.get(k, v) != PairIntMap.ABSENT;
    }

    /** @return the value that overwrote an {@link #intermediate} value in its transaction */
    long finalValue(int k, long v) {
        return finalValues.get(intermediate.get(k, v));
    }

    /**
     * Reports a read of a value that no transaction wrote (garbage) or that a failed one wrote (G1a).
     *
     * @return the value's writer when it is neither, else {@link PairIntMap#ABSENT}
     */
    int checkRead(Findings f, Txn reader, long key, int k, long v) {
        int w = writer.get(k, v);
        if (w == PairIntMap.ABSENT) {
            f.add(new Anomaly.GarbageRead(reader, key, v));
            return PairIntMap.ABSENT;
        }
        if (t.get(w).outcome() == Event.Type.FAIL) {
            f.add(new Anomaly.AbortedRead(reader, key, v, t.get(w)));
            return PairIntMap.ABSENT;
        }
        return w;
    }

    /** @return the value of the last write of the same kind to the key of {@code ops[i]}, at or after {@code i} */
    private static long lastWrite(List<MicroOp> ops, int i) {
        MicroOp first = ops.get(i);
        long last = valueOf(first);
        for (int j = i + 1; j < ops.size(); j++) {
            MicroOp o = ops.get(j);
            if (o.getClass() == first.getClass() && o.key() == first.key()) {
                last = valueOf(o);
            }
        }
        return last;
    }

    private static long valueOf(MicroOp write) {
        if (write instanceof MicroOp.Append a) {
            return a.value();
        }
        return ((MicroOp.Write) write).value();
    }
}
