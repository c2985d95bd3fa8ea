package dev.whopper.workloads.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Cycles in a {@link DepGraph} restricted to some edge kinds: Tarjan's strongly connected components
 * (iterative), then, in each component, a shortest cycle through an edge of a required kind by breadth-first
 * search from the edge's head back to its tail, over edges of the allowed kinds inside the component. The search
 * is bounded: at most {@link #MAX_TRIES} required edges per component and {@link #visitBudget} edge visits per
 * search, so a component of thousands of transactions finishes in bounded time (the cycle found is then the
 * shortest among those tried, and is real).
 */
final class CycleSearch {
    /** Required edges tried per component; the shortest cycle found wins. */
    static final int MAX_TRIES = 64;

    private final DepGraph g;
    private final int n;
    private long visitBudget;
    private boolean exhausted;
    private final int[] stamp;
    private final int[] parentEdge;
    private final int[] queue;
    private int epoch;

    CycleSearch(DepGraph g, long visitBudget) {
        this.g = g;
        this.n = g.nodes;
        this.visitBudget = visitBudget;
        this.stamp = new int[n];
        this.parentEdge = new int[n];
        this.queue = new int[n];
    }

    /** @param visits edge visits the next searches may make in all */
    void budget(long visits) {
        visitBudget = visits;
    }

    /** @return true when some search stopped on its visit budget */
    boolean exhausted() {
        return exhausted;
    }

    /**
     * @param mask edge kinds to follow
     * @return per node its component number, or -1 when its component is a single node; components numbered from 0
     */
    int[] components(int mask, List<IntList> members) {
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        java.util.Arrays.fill(index, -1);
        int[] comp = new int[n];
        java.util.Arrays.fill(comp, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int next = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = g.first(root);
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < g.end(v)) {
                    int e = g.edgeAt(callEdge[depth]++);
                    if ((g.kindBit(e) & mask) == 0) {
                        continue;
                    }
                    int w = g.dst(e);
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = g.first(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    IntList c = new IntList(4);
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        c.add(w);
                    } while (w != v);
                    if (c.size() > 1) {
                        for (int i = 0; i < c.size(); i++) {
                            comp[c.get(i)] = members.size();
                        }
                        members.add(c);
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return comp;
    }

    /**
     * @param comp     components, from {@link #components}
     * @param c        the component
     * @param nodes    its members
     * @param required kinds one of whose edges the cycle must use
     * @param pathMask kinds the rest of the cycle may use
     * @return the edge ids of the shortest cycle found (starting with the required edge), or null
     */
    int[] shortestCycle(int[] comp, int c, IntList nodes, int required, int pathMask) {
        int[] best = null;
        int tries = 0;
        for (int i = 0; i < nodes.size() && tries < MAX_TRIES; i++) {
            int u = nodes.get(i);
            for (int p = g.first(u); p < g.end(u) && tries < MAX_TRIES; p++) {
                int e = g.edgeAt(p);
                if ((g.kindBit(e) & required) == 0 || comp[g.dst(e)] != c) {
                    continue;
                }
                tries++;
                int[] path = path(comp, c, g.dst(e), u, pathMask);
                if (path != null) {
                    int[] cycle = new int[path.length + 1];
                    cycle[0] = e;
                    System.arraycopy(path, 0, cycle, 1, path.length);
                    if (best == null || cycle.length < best.length) {
                        best = cycle;
                    }
                    if (best.length == 2) {
                        return best;
                    }
                }
            }
        }
        return best;
    }

    /** @return the edges of a shortest path from {@code from} to {@code to} inside the component, or null */
    private int[] path(int[] comp, int c, int from, int to, int mask) {
        epoch++;
        int head = 0;
        int tail = 0;
        queue[tail++] = from;
        stamp[from] = epoch;
        parentEdge[from] = -1;
        while (head < tail) {
            int v = queue[head++];
            for (int p = g.first(v); p < g.end(v); p++) {
                if (--visitBudget < 0) {
                    exhausted = true;
                    return null;
                }
                int e = g.edgeAt(p);
                int w = g.dst(e);
                if ((g.kindBit(e) & mask) == 0 || comp[w] != c || stamp[w] == epoch) {
                    continue;
                }
                stamp[w] = epoch;
                parentEdge[w] = e;
                if (w == to) {
                    return unwind(to);
                }
                queue[tail++] = w;
            }
        }
        return null;
    }

    private int[] unwind(int to) {
        List<Integer> rev = new ArrayList<>();
        for (int v = to; parentEdge[v] >= 0; v = g.src(parentEdge[v])) {
            rev.add(parentEdge[v]);
        }
        int[] out = new int[rev.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rev.get(out.length - 1 - i);
        }
        return out;
    }
}
