package dev.whopper.workloads.check;

import dev.whopper.workloads.history.MicroOp;

/** Short texts of list reads and versions for witnesses. */
final class Lists {
    /** Longer lists show their first 3 and last 5 elements. */
    private static final int SHOWN = 10;

    private Lists() { }

    static String text(MicroOp.ListRead r) {
        long[] e = new long[r.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = r.get(i);
        }
        return text(e, e.length);
    }

    static String text(long[] e, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (n > SHOWN && i == 3) {
                sb.append(".. ");
                i = n - 5;
            }
            sb.append(e[i]);
            if (i < n - 1) {
                sb.append(' ');
            }
        }
        sb.append(']');
        if (n > SHOWN) {
            sb.append(" (").append(n).append(" elements)");
        }
        return sb.toString();
    }

    static String value(long v) {
        return v == DepGraph.NONE ? "nil" : Long.toString(v);
    }
}
