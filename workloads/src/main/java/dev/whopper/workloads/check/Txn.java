package dev.whopper.workloads.check;

import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.MicroOp;
import java.util.List;

/**
 * One transaction of a history: an invocation paired with its completion by the same process.
 *
 * @param id             its number in the checker, from 0 in invocation order
 * @param process        the process, as the history spells it
 * @param outcome        ok (committed), fail (did not commit) or info (indeterminate: may or may not have
 *                       committed; also an invocation that never completed)
 * @param ops            what it did: the completion's micro-operations for ok (reads carry their values), the
 *                       invocation's otherwise
 * @param invokeIndex    the invocation's {@code :index}
 * @param completeIndex  the completion's {@code :index}, or -1 when it never completed
 * @param invokeTime     the invocation's time, or {@link Event#NO_TIME}
 * @param completeTime   the completion's time, or {@link Event#NO_TIME}
 */
public record Txn(int id, String process, Event.Type outcome, List<MicroOp> ops, long invokeIndex, long completeIndex,
                  long invokeTime, long completeTime) {
    public Txn {
        ops = List.copyOf(ops);
    }

    /** @return its name in witnesses: {@code T} and the index of its completion (of its invocation when none) */
    public String name() {
        return "T" + (completeIndex >= 0 ? completeIndex : invokeIndex);
    }

    /** @return the micro-operations as Elle EDN, e.g. {@code [[:append 3 7] [:r 4 [1 2]]]} */
    public String opsText() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ops.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ops.get(i) instanceof MicroOp.ListRead r ? r.toString() : opText(ops.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String opText(MicroOp op) {
        if (op instanceof MicroOp.Append a) {
            return "[:append " + a.key() + " " + a.value() + "]";
        }
        if (op instanceof MicroOp.Write w) {
            return "[:w " + w.key() + " " + w.value() + "]";
        }
        MicroOp.RegisterRead r = (MicroOp.RegisterRead) op;
        return "[:r " + r.key() + " " + (r.value() == null ? "nil" : r.value()) + "]";
    }

    /** @return one line: name, process, outcome, operations and where it is in the history */
    public String describe() {
        return name() + " = process " + process + ", " + outcome.keyword() + ", " + opsText() + " (invoked at index "
            + invokeIndex + (completeIndex >= 0 ? ", completed at index " + completeIndex : ", never completed") + ")";
    }
}
