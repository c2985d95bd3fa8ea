package dev.whopper.workloads.check;

import java.util.List;
import java.util.Objects;

/** One anomaly the checker found, with its witness. */
public sealed interface Anomaly permits Anomaly.Cycle, Anomaly.AbortedRead, Anomaly.IntermediateRead,
    Anomaly.GarbageRead, Anomaly.DuplicateElements, Anomaly.IncompatibleOrder, Anomaly.Internal, Anomaly.LostUpdate {

    /** @return its class */
    AnomalyType type();

    /**
     * A dependency cycle (G0, G1c, G-single, G2-item and their process and real-time variants): a shortest cycle
     * the search found in one strongly connected component.
     *
     * @param type         its class, from the edges it uses
     * @param transactions the transactions in cycle order
     * @param edges        edge {@code i} goes from {@code transactions[i]} to {@code transactions[i+1]}, the last back
     *                     to the first
     */
    record Cycle(AnomalyType type, List<Txn> transactions, List<Edge> edges) implements Anomaly {
        public Cycle {
            transactions = List.copyOf(transactions);
            edges = List.copyOf(edges);
            if (!type.isCycle() || transactions.size() != edges.size() || edges.isEmpty()) {
                throw new IllegalArgumentException("cycle: " + type + " over " + transactions.size() + " transactions and "
                    + edges.size() + " edges (expected: a cycle class, one edge per transaction)");
            }
        }
    }

    /**
     * G1a: {@code reader} committed a read of {@code value}, which {@code writer} wrote to {@code key} and then failed.
     *
     * @param reader the transaction that read it
     * @param key    the key
     * @param value  the aborted value
     * @param writer the failed transaction
     */
    record AbortedRead(Txn reader, long key, long value, Txn writer) implements Anomaly {
        @Override
        public AnomalyType type() {
            return AnomalyType.G1A;
        }
    }

    /**
     * G1b: {@code reader} saw {@code value} as the latest state of {@code key}, but {@code writer} overwrote it (or
     * appended {@code finalValue} after it) later in the same transaction.
     *
     * @param reader     the transaction that read it
     * @param key        the key
     * @param value      the intermediate value
     * @param writer     the transaction that wrote it
     * @param finalValue the writer's last write to the key
     */
    record IntermediateRead(Txn reader, long key, long value, Txn writer, long finalValue) implements Anomaly {
        @Override
        public AnomalyType type() {
            return AnomalyType.G1B;
        }
    }

    /**
     * {@code reader} read {@code value} of {@code key}, which no transaction wrote.
     *
     * @param reader the transaction
     * @param key    the key
     * @param value  the value nobody wrote
     */
    record GarbageRead(Txn reader, long key, long value) implements Anomaly {
        @Override
        public AnomalyType type() {
            return AnomalyType.GARBAGE_READ;
        }
    }

    /**
     * A list read of {@code key} holds {@code value} {@code times} times.
     *
     * @param reader the transaction
     * @param key    the key
     * @param value  the repeated element
     * @param times  how often it appears, &gt;= 2
     */
    record DuplicateElements(Txn reader, long key, long value, int times) implements Anomaly {
        @Override
        public AnomalyType type() {
            return AnomalyType.DUPLICATE_ELEMENTS;
        }
    }

    /**
     * Two reads of {@code key} that no single version order explains: neither list is a prefix of the other.
     *
     * @param key         the key
     * @param longest     the transaction with the longest read of the key (the version order the checker uses)
     * @param longestRead its read, e.g. {@code [1 2 3]}
     * @param other       a transaction whose read disagrees
     * @param otherRead   that read
     */
    record IncompatibleOrder(long key, Txn longest, String longestRead, Txn other, String otherRead) implements Anomaly {
        @Override
        public AnomalyType type() {
            return AnomalyType.INCOMPATIBLE_ORDER;
        }
    }

    /**
     * A transaction's read of {@code key} disagrees with its own earlier reads and writes.
     *
     * @param txn      the transaction
     * @param key      the key
     * @param expected what its own operations imply, e.g. {@code [1 2 9]} or {@code [.. 9]}
     * @param actual   what it read
     */
    record Internal(Txn txn, long key, String expected, String actual) implements Anomaly {
        @Override
        public AnomalyType type() {
            return AnomalyType.INTERNAL;
        }
    }

    /**
     * Committed transactions that read the same version of {@code key} and all wrote it: all but one update is lost.
     *
     * @param key          the key
     * @param version      the version they read, e.g. {@code [1 2]}, {@code 5} or {@code nil}
     * @param transactions the transactions, two or more
     */
    record LostUpdate(long key, String version, List<Txn> transactions) implements Anomaly {
        public LostUpdate {
            Objects.requireNonNull(version, "version");
            transactions = List.copyOf(transactions);
        }

        @Override
        public AnomalyType type() {
            return AnomalyType.LOST_UPDATE;
        }
    }
}
