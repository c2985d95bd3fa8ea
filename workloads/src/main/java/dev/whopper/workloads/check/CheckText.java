package dev.whopper.workloads.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A {@link CheckResult} as text for a person: the verdict, then each anomaly with its witness. */
public final class CheckText {
    private CheckText() { }

    /**
     * @param r the result
     * @return the report, ending with a newline
     */
    public static String render(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.model().cliName()).append(" history of ").append(r.transactions()).append(" transactions (")
            .append(r.committed()).append(" ok, ").append(r.indeterminate()).append(" info, ")
            .append(r.transactions() - r.committed() - r.indeterminate()).append(" fail), checked against ")
            .append(r.consistency().cliName()).append(": ");
        List<AnomalyType> forbidden = r.forbiddenTypes();
        if (forbidden.isEmpty()) {
            sb.append("valid");
        } else {
            sb.append("INVALID: ");
            sb.append(counts(r, forbidden));
        }
        sb.append('\n');
        Set<AnomalyType> allowed = new LinkedHashSet<>(r.found().keySet());
        allowed.removeAll(forbidden);
        if (!allowed.isEmpty()) {
            sb.append("also found, allowed by ").append(r.consistency().cliName()).append(": ")
                .append(counts(r, List.copyOf(allowed))).append('\n');
        }
        if (r.truncated()) {
            sb.append("note: a cycle search stopped at its budget; more cycles may exist (those shown are real)\n");
        }
        for (Anomaly a : r.anomalies()) {
            sb.append('\n');
            anomaly(sb, a, r.consistency().forbids(a.type()));
        }
        return sb.toString();
    }

    private static String counts(CheckResult r, List<AnomalyType> types) {
        StringBuilder sb = new StringBuilder();
        for (AnomalyType t : types) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t.elleName()).append(" (").append(r.found().get(t)).append(')');
        }
        return sb.toString();
    }

    /** Appends one anomaly and its witness. */
    static void anomaly(StringBuilder sb, Anomaly a, boolean forbidden) {
        sb.append(a.type().elleName()).append(forbidden ? "" : " (allowed)").append(": ");
        if (a instanceof Anomaly.Cycle c) {
            sb.append("a cycle of ").append(c.transactions().size()).append(" transactions\n");
            for (Txn x : c.transactions()) {
                sb.append("  ").append(x.describe()).append('\n');
            }
            for (Edge e : c.edges()) {
                sb.append("  ").append(e.describe()).append('\n');
            }
            return;
        }
        sb.append(summary(a)).append('\n');
        for (Txn x : involved(a)) {
            sb.append("  ").append(x.describe()).append('\n');
        }
    }

    /** @return one sentence saying what is wrong */
    public static String summary(Anomaly a) {
        if (a instanceof Anomaly.Cycle c) {
            return "a cycle of " + c.transactions().size() + " transactions: " + c.edges().get(0).describe();
        } else if (a instanceof Anomaly.AbortedRead x) {
            return x.reader().name() + " read " + x.value() + " of key " + x.key() + ", written by " + x.writer().name()
                + ", which failed";
        } else if (a instanceof Anomaly.IntermediateRead x) {
            return x.reader().name() + " read " + x.value() + " as the latest of key " + x.key() + ", but "
                + x.writer().name() + " wrote " + x.finalValue() + " after it in the same transaction";
        } else if (a instanceof Anomaly.GarbageRead x) {
            return x.reader().name() + " read " + x.value() + " of key " + x.key() + ", which no transaction wrote";
        } else if (a instanceof Anomaly.DuplicateElements x) {
            return x.reader().name() + " read key " + x.key() + " with " + x.value() + " in it " + x.times() + " times";
        } else if (a instanceof Anomaly.IncompatibleOrder x) {
            return "key " + x.key() + ": " + x.other().name() + " read " + x.otherRead() + ", which is not a prefix of "
                + x.longest().name() + "'s " + x.longestRead();
        } else if (a instanceof Anomaly.Internal x) {
            return x.txn().name() + " read key " + x.key() + " as " + x.actual() + ", but its own earlier operations imply "
                + x.expected();
        }
        Anomaly.LostUpdate x = (Anomaly.LostUpdate) a;
        StringBuilder names = new StringBuilder();
        for (Txn t : x.transactions()) {
            names.append(names.length() == 0 ? "" : ", ").append(t.name());
        }
        return names + " all read key " + x.key() + " at version " + x.version() + " and all wrote it: "
            + (x.transactions().size() - 1) + " update(s) lost";
    }

    private static List<Txn> involved(Anomaly a) {
        if (a instanceof Anomaly.AbortedRead x) {
            return List.of(x.reader(), x.writer());
        } else if (a instanceof Anomaly.IntermediateRead x) {
            return x.reader() == x.writer() ? List.of(x.reader()) : List.of(x.reader(), x.writer());
        } else if (a instanceof Anomaly.GarbageRead x) {
            return List.of(x.reader());
        } else if (a instanceof Anomaly.DuplicateElements x) {
            return List.of(x.reader());
        } else if (a instanceof Anomaly.IncompatibleOrder x) {
            return List.of(x.longest(), x.other());
        } else if (a instanceof Anomaly.Internal x) {
            return List.of(x.txn());
        } else if (a instanceof Anomaly.LostUpdate x) {
            return x.transactions();
        }
        return List.of();
    }

    /**
     * @param r the result
     * @return one line: the verdict and the forbidden classes with their counts
     */
    public static String oneLine(CheckResult r) {
        List<AnomalyType> forbidden = r.forbiddenTypes();
        if (forbidden.isEmpty()) {
            return r.model().cliName() + " history valid under " + r.consistency().cliName();
        }
        return r.model().cliName() + " history not " + r.consistency().cliName() + ": " + counts(r, forbidden);
    }
}
