package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Edn;
import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.MicroOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactions of a history: each {@code :txn} invocation paired with the next completion by the same
 * process. An invocation that never completed is indeterminate (info); a completion without an invocation
 * stands alone. Other operations (a nemesis's) are ignored.
 */
final class Transactions {
    final List<Txn> txns = new ArrayList<>();
    /** Per transaction, its dense process number (the order processes first appear). */
    final IntList processIds = new IntList();
    /** Per transaction, its event positions (invocation, completion or -1), for the real-time order. */
    final IntList invokePos = new IntList();
    final IntList completePos = new IntList();
    /** True when every transaction event has a time. */
    final boolean timed;
    final int events;

    Transactions(History history) {
        Map<Edn, Integer> processes = new HashMap<>();
        Map<Integer, Integer> open = new HashMap<>();
        List<Event> evs = history.events();
        boolean allTimed = true;
        // pairs of (invocation, completion, process) event positions, numbered in invocation order
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < evs.size(); i++) {
            Event e = evs.get(i);
            if (!e.isTxn()) {
                continue;
            }
            allTimed &= e.hasTime();
            int p = processes.computeIfAbsent(e.process(), k -> processes.size());
            if (e.type() == Event.Type.INVOKE) {
                open.put(p, pairs.size());
                pairs.add(new int[] {i, -1, p});
            } else {
                Integer slot = open.remove(p);
                if (slot == null) {
                    pairs.add(new int[] {-1, i, p});
                } else {
                    pairs.get(slot)[1] = i;
                }
            }
        }
        this.timed = allTimed;
        this.events = evs.size();
        for (int[] pair : pairs) {
            add(evs, pair[0], pair[1], pair[2]);
        }
    }

    private void add(List<Event> evs, int inv, int done, int process) {
        Event invoke = inv >= 0 ? evs.get(inv) : null;
        Event complete = done >= 0 ? evs.get(done) : null;
        Event.Type outcome = complete == null ? Event.Type.INFO : complete.type();
        List<MicroOp> ops = outcome == Event.Type.OK || invoke == null ? complete.txn() : invoke.txn();
        Event any = invoke != null ? invoke : complete;
        txns.add(new Txn(txns.size(), processName(any.process()), outcome, ops,
            invoke != null ? invoke.index() : complete.index(), complete != null ? complete.index() : -1,
            invoke != null ? invoke.timeNanos() : Event.NO_TIME, complete != null ? complete.timeNanos() : Event.NO_TIME));
        processIds.add(process);
        invokePos.add(inv >= 0 ? inv : done);
        completePos.add(outcome == Event.Type.INFO ? -1 : done);
    }

    private static String processName(Edn p) {
        return p.text();
    }

    int size() {
        return txns.size();
    }

    Txn get(int id) {
        return txns.get(id);
    }

    /** @return true when the transaction may have committed (ok or info) */
    boolean mayHaveCommitted(int id) {
        return txns.get(id).outcome() != Event.Type.FAIL;
    }
}
