package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.Model;

/** Why an edge exists, in words, from what the checker inferred it from. */
final class Witness {
    private Witness() { }

    /**
     * @param a the earlier value the edge was inferred from ({@link DepGraph#NONE} for an empty read or nil)
     * @param b the later value
     */
    static String why(Model model, EdgeKind kind, Txn from, Txn to, long a, long b) {
        String f = from.name();
        String t = to.name();
        boolean list = model == Model.LIST_APPEND;
        return switch (kind) {
            case WW -> list ? f + " appended " + a + ", " + t + " appended " + b + " right after it in the version order"
                : f + " wrote " + a + ", " + t + " read it and wrote " + b + ", the next version";
            case WR -> list ? f + " appended " + a + ", the last element of " + t + "'s read"
                : f + " wrote " + a + ", which " + t + " read";
            case RW -> rw(list, f, t, a, b);
            case PROCESS -> f + " and " + t + " ran on process " + from.process() + ", " + f + " first";
            case REALTIME -> f + " completed (" + when(from.completeIndex(), from.completeTime()) + ") before " + t
                + " was invoked (" + when(to.invokeIndex(), to.invokeTime()) + ")";
        };
    }

    private static String rw(boolean list, String f, String t, long a, long b) {
        if (list) {
            return a == DepGraph.NONE
                ? f + " read the list empty, and " + t + " appended " + b + ", its first element in the version order"
                : f + " read the list ending with " + a + ", and " + t + " appended " + b
                    + ", the next element in the version order";
        }
        return a == DepGraph.NONE ? f + " read nil (the initial state), and " + t + " wrote " + b
            : f + " read " + a + ", and " + t + " wrote " + b + ", the next version";
    }

    private static String when(long index, long time) {
        return "index " + index + (time == Event.NO_TIME ? "" : ", time " + time);
    }
}
