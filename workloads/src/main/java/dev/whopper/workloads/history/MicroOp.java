package dev.whopper.workloads.history;

import java.util.Arrays;

/**
 * One micro-operation of a transaction, on an integer key: an append or a list read (list-append), a write or
 * a register read (rw-register). Reads in an invocation are unknown ({@code nil}); a completion carries what was
 * read.
 */
public sealed interface MicroOp permits MicroOp.Append, MicroOp.ListRead, MicroOp.Write, MicroOp.RegisterRead {
    /** @return the key */
    long key();

    /** @return true for a read */
    default boolean isRead() {
        return this instanceof ListRead || this instanceof RegisterRead;
    }

    /**
     * {@code [:append k v]}.
     *
     * @param key   the list's key
     * @param value the value appended (unique per key)
     */
    record Append(long key, long value) implements MicroOp { }

    /**
     * {@code [:w k v]}.
     *
     * @param key   the register's key
     * @param value the value written (unique per key)
     */
    record Write(long key, long value) implements MicroOp { }

    /**
     * {@code [:r k v]} or {@code [:r k nil]}.
     *
     * @param key   the register's key
     * @param value the value read, or {@code null} for {@code nil} (unknown in an invocation; the initial, never
     *              written state in a completion)
     */
    record RegisterRead(long key, Long value) implements MicroOp { }

    /**
     * {@code [:r k [v ...]]} or {@code [:r k nil]}.
     */
    final class ListRead implements MicroOp {
        private final long key;
        private final long[] elements;

        /**
         * @param key      the list's key
         * @param elements the list read (copied), or {@code null} when unknown ({@code nil})
         */
        public ListRead(long key, long[] elements) {
            this.key = key;
            this.elements = elements == null ? null : elements.clone();
        }

        /**
         * @param key the list's key
         * @return an unknown read ({@code [:r k nil]}), as an invocation carries it
         */
        public static ListRead unknown(long key) {
            return new ListRead(key, null);
        }

        @Override
        public long key() {
            return key;
        }

        /** @return true when the list read is known (not {@code nil}) */
        public boolean known() {
            return elements != null;
        }

        /** @return how many elements were read (0 when unknown) */
        public int size() {
            return elements == null ? 0 : elements.length;
        }

        /**
         * @param i an index, {@code 0 <= i < size()}
         * @return the element at {@code i}
         */
        public long get(int i) {
            return elements[i];
        }

        /** @return a copy of the elements read, or {@code null} when unknown */
        public long[] elements() {
            return elements == null ? null : elements.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ListRead r && r.key == key && Arrays.equals(r.elements, elements);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(key) * 31 + Arrays.hashCode(elements);
        }

        @Override
        public String toString() {
            return "[:r " + key + " " + (elements == null ? "nil" : Arrays.toString(elements).replace(",", "")) + "]";
        }
    }
}
