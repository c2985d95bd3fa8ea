package dev.whopper.reports.render;

import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.Failure;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.model.TimelineEvent;

/**
 * The text {@code whopper run} prints for a report: outcome, strategy, counters, warnings, workload counters,
 * the last events of a failure and the operations it is blamed on, the repro line and the trace hash (for a merge: runs, outcomes, failures with
 * their repro lines).
 */
public final class ConsoleReport {
    private ConsoleReport() { }

    /**
     * @param r a report
     * @return its text, one item a line, ending with a newline
     */
    public static String render(RunReport r) {
        return RunReport.MERGED.equals(r.kind()) ? merged(r) : run(r);
    }

    private static String run(RunReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("outcome: ").append(r.summary()).append('\n');
        sb.append("strategy: ").append(r.strategy()).append('\n');
        sb.append("steps: ").append(r.counter("steps")).append(", simulated time: ").append(r.counter("timeNanos"))
            .append("ns, decisions: ").append(r.counter("decisions")).append(", ops: ").append(r.opsByKind())
            .append(", failed ops: ").append(r.counter("opsFailed")).append(", yields injected: ")
            .append(r.counter("yieldsInjected")).append(", crashes: ").append(r.counter("crashes"));
        if (!r.faultsByKind().isEmpty()) {
            sb.append(", faults: ").append(r.faultsByKind());
        }
        sb.append('\n');
        for (String w : r.warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        if (!r.workloadCounters().isEmpty()) {
            sb.append("workload: ").append(r.workloadCounters()).append('\n');
        }
        if (!r.passed()) {
            sb.append("last events:\n");
            for (Failure f : r.failures()) {
                for (TimelineEvent e : f.lastEvents()) {
                    sb.append("  ").append(e.line()).append('\n');
                }
            }
            for (Failure f : r.failures()) {
                if (f.violation() != null) {
                    for (Blame b : f.violation().blamed()) {
                        sb.append("blamed: ").append(b.line()).append('\n');
                    }
                }
            }
        }
        sb.append("repro: ").append(r.repro()).append('\n');
        sb.append("trace hash: ").append(r.traceHash()).append('\n');
        return sb.toString();
    }

    private static String merged(RunReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("runs: ").append(r.seedsRun()).append(", failed: ").append(r.runsFailed()).append(", outcomes: ")
            .append(r.outcomes()).append('\n');
        sb.append("steps: ").append(r.counter("steps")).append(", simulated time: ").append(r.counter("timeNanos"))
            .append("ns, ops: ").append(r.opsByKind()).append(", crashes: ").append(r.counter("crashes"));
        if (!r.faultsByKind().isEmpty()) {
            sb.append(", faults: ").append(r.faultsByKind());
        }
        sb.append('\n');
        if (!r.workloadCounters().isEmpty()) {
            sb.append("workload: ").append(r.workloadCounters()).append('\n');
        }
        for (Failure f : r.failures()) {
            sb.append("failure: seed ").append(f.seed()).append(' ').append(f.summary()).append('\n');
            sb.append("  repro: ").append(f.repro()).append('\n');
        }
        return sb.toString();
    }
}
