package dev.whopper.workloads.check;

import java.util.Arrays;

/**
 * The dependency graph over transaction ids, in primitive arrays: each edge has a kind bit
 * ({@link EdgeKind#bit()}), a key and two values that say why it exists; {@link #freeze()} builds compressed
 * adjacency (edges grouped by source, in insertion order) for the searches.
 */
final class DepGraph {
    /** A value slot that holds nothing (e.g. the "previous version" of an empty read). */
    static final long NONE = Long.MIN_VALUE;

    final int nodes;
    private int[] src = new int[1024];
    private int[] dst = new int[1024];
    private byte[] kind = new byte[1024];
    private long[] key = new long[1024];
    private long[] a = new long[1024];
    private long[] b = new long[1024];
    private int size;
    /** Adjacency after {@link #freeze()}: the edges of node n are {@code order[start[n] .. start[n+1])}. */
    private int[] start;
    private int[] order;

    DepGraph(int nodes) {
        this.nodes = nodes;
    }

    /** Adds {@code from -> to} unless it is a self-loop. */
    void add(int from, int to, EdgeKind k, long keyValue, long first, long second) {
        if (from == to) {
            return;
        }
        if (start != null) {
            throw new IllegalStateException("graph frozen");
        }
        if (size == src.length) {
            int n = size * 2;
            src = Arrays.copyOf(src, n);
            dst = Arrays.copyOf(dst, n);
            kind = Arrays.copyOf(kind, n);
            key = Arrays.copyOf(key, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
        }
        src[size] = from;
        dst[size] = to;
        kind[size] = (byte) k.bit();
        key[size] = keyValue;
        a[size] = first;
        b[size] = second;
        size++;
    }

    void freeze() {
        start = new int[nodes + 1];
        for (int e = 0; e < size; e++) {
            start[src[e] + 1]++;
        }
        for (int n = 0; n < nodes; n++) {
            start[n + 1] += start[n];
        }
        int[] fill = Arrays.copyOf(start, nodes);
        order = new int[size];
        for (int e = 0; e < size; e++) {
            order[fill[src[e]]++] = e;
        }
    }

    int edges() {
        return size;
    }

    int first(int node) {
        return start[node];
    }

    int end(int node) {
        return start[node + 1];
    }

    /** @return the edge id at adjacency position {@code i} */
    int edgeAt(int i) {
        return order[i];
    }

    int src(int e) {
        return src[e];
    }

    int dst(int e) {
        return dst[e];
    }

    int kindBit(int e) {
        return kind[e];
    }

    long key(int e) {
        return key[e];
    }

    long a(int e) {
        return a[e];
    }

    long b(int e) {
        return b[e];
    }
}
