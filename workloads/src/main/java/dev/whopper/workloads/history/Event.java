package dev.whopper.workloads.history;

import java.util.List;
import java.util.Objects;

/**
 * One event of a history, as Elle records it: an invocation or a completion (ok, fail, info) of an operation by
 * a process, with its position in the history and, when known, its time.
 *
 * @param index     the event's {@code :index}
 * @param type      invoke, ok, fail or info
 * @param f         the operation's function, {@code txn} for a transaction
 * @param process   the process ({@link Edn.Int}, or e.g. {@code :nemesis})
 * @param timeNanos the event's {@code :time} in nanoseconds, or {@link #NO_TIME}
 * @param txn       the micro-operations when {@code f} is {@code txn}, else {@code null}
 * @param value     the raw {@code :value} of any other operation ({@code null} for a transaction or when absent)
 * @param extras    the event's other entries (e.g. {@code :error}), in order
 */
public record Event(long index, Type type, String f, Edn process, long timeNanos, List<MicroOp> txn, Edn value,
                    List<Edn.Entry> extras) {
    /** {@link #timeNanos()} of an event without a time. */
    public static final long NO_TIME = Long.MIN_VALUE;
    /** The function of a transaction. */
    public static final String TXN = "txn";

    /** The kind of an event. */
    public enum Type {
        /** The operation began. */
        INVOKE,
        /** It committed; reads carry what was read. */
        OK,
        /** It certainly did not take effect. */
        FAIL,
        /** Indeterminate: it may or may not have taken effect. */
        INFO;

        /** @return the EDN keyword name, e.g. {@code invoke} */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(process, "process");
        txn = txn == null ? null : List.copyOf(txn);
        extras = List.copyOf(extras);
        if (TXN.equals(f) != (txn != null)) {
            throw new IllegalArgumentException("txn: " + txn + " (expected: micro-operations exactly when f is txn)");
        }
    }

    /**
     * @param index     the event's index
     * @param type      its type
     * @param process   the process number
     * @param timeNanos its time, or {@link #NO_TIME}
     * @param txn       the micro-operations
     * @return a transaction event
     */
    public static Event txn(long index, Type type, long process, long timeNanos, List<MicroOp> txn) {
        return new Event(index, type, TXN, new Edn.Int(process), timeNanos, Objects.requireNonNull(txn, "txn"), null,
            List.of());
    }

    /** @return true for a transaction ({@code :f :txn}) */
    public boolean isTxn() {
        return txn != null;
    }

    /** @return true when the event has a time */
    public boolean hasTime() {
        return timeNanos != NO_TIME;
    }
}
