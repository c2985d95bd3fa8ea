package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Event;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Process and real-time order edges between transactions that may have committed. Real time comes from the
 * events' times when every transaction event has one (an invocation at the same instant as a completion is
 * concurrent with it), else from history order. Real-time edges are a transitive reduction kept small with a
 * frontier (Elle's approach): a transaction invoked gets an edge from each completed transaction that no later
 * completed transaction already follows, so edges grow with the number of transactions times the concurrency,
 * not quadratically. Indeterminate transactions never complete, so nothing follows them in real time or in
 * process order (each follows the last committed transaction of its process).
 */
final class OrderEdges {
    private OrderEdges() { }

    static void process(Transactions t, DepGraph g) {
        int[] last = new int[t.size() + 1];
        Arrays.fill(last, -1);
        for (int id = 0; id < t.size(); id++) {
            if (!t.mayHaveCommitted(id)) {
                continue;
            }
            int p = t.processIds.get(id);
            if (p >= last.length) {
                last = Arrays.copyOf(last, p + 1);
            }
            if (last[p] >= 0) {
                g.add(last[p], id, EdgeKind.PROCESS, DepGraph.NONE, DepGraph.NONE, DepGraph.NONE);
            }
            if (t.get(id).outcome() == Event.Type.OK) {
                last[p] = id; // an indeterminate transaction may take effect at any later time: nothing follows it
            }
        }
    }

    static void realtime(Transactions t, DepGraph g) {
        // events as (txn id * 2 + 1 for a completion), in time order
        IntList evs = new IntList(t.size() * 2);
        for (int id = 0; id < t.size(); id++) {
            if (t.mayHaveCommitted(id)) {
                evs.add(id * 2);
                if (t.completePos.get(id) >= 0) {
                    evs.add(id * 2 + 1);
                }
            }
        }
        Integer[] order = new Integer[evs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = evs.get(i);
        }
        Arrays.sort(order, comparator(t));
        IntList frontier = new IntList();
        boolean[] inFrontier = new boolean[t.size()];
        int[] predStart = new int[t.size()];
        int[] predEnd = new int[t.size()];
        IntList preds = new IntList(t.size());
        for (int ev : order) {
            int id = ev >> 1;
            if ((ev & 1) == 0) {
                predStart[id] = preds.size();
                for (int i = 0; i < frontier.size(); i++) {
                    g.add(frontier.get(i), id, EdgeKind.REALTIME, DepGraph.NONE, DepGraph.NONE, DepGraph.NONE);
                    preds.add(frontier.get(i));
                }
                predEnd[id] = preds.size();
            } else {
                for (int i = predStart[id]; i < predEnd[id]; i++) {
                    inFrontier[preds.get(i)] = false;
                }
                int kept = 0;
                for (int i = 0; i < frontier.size(); i++) {
                    if (inFrontier[frontier.get(i)]) {
                        frontier.set(kept++, frontier.get(i));
                    }
                }
                frontier.truncate(kept);
                frontier.add(id);
                inFrontier[id] = true;
            }
        }
    }

    private static Comparator<Integer> comparator(Transactions t) {
        Comparator<Integer> byPosition = Comparator.comparingInt(ev -> position(t, ev));
        if (!t.timed) {
            return byPosition;
        }
        return Comparator.<Integer>comparingLong(ev -> time(t, ev)).thenComparingInt(ev -> ev & 1).thenComparing(byPosition);
    }

    private static int position(Transactions t, int ev) {
        int id = ev >> 1;
        return (ev & 1) == 0 ? t.invokePos.get(id) : t.completePos.get(id);
    }

    private static long time(Transactions t, int ev) {
        Txn x = t.get(ev >> 1);
        return (ev & 1) == 0 ? x.invokeTime() : x.completeTime();
    }
}
