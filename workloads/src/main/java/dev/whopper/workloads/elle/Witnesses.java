package dev.whopper.workloads.elle;

import dev.whopper.workloads.check.Anomaly;
import dev.whopper.workloads.check.Edge;
import dev.whopper.workloads.check.Txn;
import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.property.Blamed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Whom a history anomaly is blamed on: each transaction of its witness, mapped to the fiber that ran it (its
 * process) and that fiber's operation (by the invocation's index), with its part in the anomaly as the reason.
 * Transactions of a process that is no fiber (an imported history's {@code :nemesis}) are left out.
 */
final class Witnesses {
    private Witnesses() { }

    /**
     * @param a         the anomaly
     * @param opIndexOf the operation number of the invocation at a history index (-1: unknown)
     * @return its witness transactions as blame, in the witness's order
     */
    static List<Blamed> of(Anomaly a, LongUnaryOperator opIndexOf) {
        List<Blamed> out = new ArrayList<>();
        String type = a.type().toString();
        if (a instanceof Anomaly.Cycle c) {
            for (int i = 0; i < c.transactions().size(); i++) {
                Edge e = c.edges().get(i);
                add(out, c.transactions().get(i), opIndexOf, "in the " + type + " cycle: " + e.kind().label() + " edge"
                    + (e.key() == null ? "" : " on key " + e.key()) + " to " + e.to().name() + " (" + e.why() + ")");
            }
        } else if (a instanceof Anomaly.AbortedRead r) {
            add(out, r.reader(), opIndexOf, type + ": read " + r.value() + " of key " + r.key() + ", which " + r.writer().name()
                + " wrote and then failed");
            add(out, r.writer(), opIndexOf, type + ": wrote " + r.value() + " to key " + r.key() + " and failed");
        } else if (a instanceof Anomaly.IntermediateRead r) {
            add(out, r.reader(), opIndexOf, type + ": read the intermediate " + r.value() + " of key " + r.key());
            add(out, r.writer(), opIndexOf, type + ": wrote " + r.value() + " to key " + r.key() + ", then "
                + r.finalValue() + " in the same transaction");
        } else if (a instanceof Anomaly.GarbageRead r) {
            add(out, r.reader(), opIndexOf, type + ": read " + r.value() + " of key " + r.key() + ", which nobody wrote");
        } else if (a instanceof Anomaly.DuplicateElements r) {
            add(out, r.reader(), opIndexOf, type + ": read " + r.value() + " " + r.times() + " times in key " + r.key());
        } else if (a instanceof Anomaly.IncompatibleOrder r) {
            add(out, r.longest(), opIndexOf, type + ": read key " + r.key() + " as " + r.longestRead());
            add(out, r.other(), opIndexOf, type + ": read key " + r.key() + " as " + r.otherRead() + ", which "
                + r.longest().name() + "'s read contradicts");
        } else if (a instanceof Anomaly.Internal r) {
            add(out, r.txn(), opIndexOf, type + ": read key " + r.key() + " as " + r.actual() + " where its own operations"
                + " imply " + r.expected());
        } else if (a instanceof Anomaly.LostUpdate r) {
            for (Txn t : r.transactions()) {
                add(out, t, opIndexOf, type + ": read version " + r.version() + " of key " + r.key() + " and wrote it, as "
                    + (r.transactions().size() - 1) + " other transaction(s) did");
            }
        }
        return out;
    }

    private static void add(List<Blamed> out, Txn t, LongUnaryOperator opIndexOf, String why) {
        int fiber;
        try {
            fiber = Integer.parseInt(t.process());
        } catch (NumberFormatException e) {
            return; // not a fiber
        }
        if (fiber < 0) {
            return;
        }
        long from = t.invokeTime() == Event.NO_TIME ? 0 : t.invokeTime();
        long to = t.completeTime() == Event.NO_TIME || t.completeTime() < from ? from : t.completeTime();
        out.add(new Blamed(fiber, opIndexOf.applyAsLong(t.invokeIndex()), from, to, t.name() + " " + why));
    }
}
