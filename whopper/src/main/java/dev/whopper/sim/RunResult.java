package dev.whopper.sim;

import dev.whopper.sim.trace.DecisionLog;
import dev.whopper.sim.trace.Event;
import dev.whopper.sim.trace.TraceHash;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run produced.
 *
 * @param seed       the run's root seed
 * @param outcome    how it ended
 * @param traceHash  the rolling hash of every decision and operation result
 * @param counters   what it counted
 * @param decisions  the decision log (replay it with {@link Simulation#replay}), or {@code null} when
 *                   recording was off
 * @param lastEvents the last events before the end, oldest first (at most {@code eventsKept} of the builder)
 * @param eventsWritten how many events the run wrote in all (more than {@code lastEvents} when some were
 *                   dropped from the front)
 * @param strategy   the strategy that scheduled (for swarm: what it drew)
 * @param repro      the command line that reruns this run
 * @param world      the shared state at the end of the run, or {@code null} when setting it up failed
 * @param workloadCounters what the workload counted (e.g. the bank's commits and refusals), in its order
 * @param warnings   checks that the run's options made inert, one line each (printed, never counted as held)
 * @param replayMisfit for a replay, why its decision log did not fit the run ({@code null}: it fitted, or no replay)
 * @param metrics    what the run measured for its report: latency, fault events, yield-point coverage
 */
public record RunResult(long seed, Outcome outcome, long traceHash, Counters counters, DecisionLog decisions,
                        List<Event> lastEvents, long eventsWritten, String strategy, String repro, Object world,
                        Map<String, Long> workloadCounters, List<String> warnings, String replayMisfit,
                        RunMetrics metrics) {
    public RunResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(counters, "counters");
        lastEvents = List.copyOf(lastEvents);
        if (eventsWritten < lastEvents.size()) {
            throw new IllegalArgumentException("eventsWritten: " + eventsWritten + " (expected: >= " + lastEvents.size() + ")");
        }
        Objects.requireNonNull(repro, "repro");
        workloadCounters = Collections.unmodifiableMap(new LinkedHashMap<>(workloadCounters));
        warnings = List.copyOf(warnings);
        metrics = metrics == null ? RunMetrics.NONE : metrics;
    }

    /**
     * @param repro another way to rerun this run (e.g. the command line naming the decision-log file it replayed)
     * @return this result with that repro
     */
    public RunResult withRepro(String repro) {
        return new RunResult(seed, outcome, traceHash, counters, decisions, lastEvents, eventsWritten, strategy, repro,
            world, workloadCounters, warnings, replayMisfit, metrics);
    }

    /** @return true when {@link #lastEvents()} holds every event of the run (none was dropped) */
    public boolean eventsComplete() {
        return eventsWritten == lastEvents.size();
    }

    /**
     * @return every event of the run, oldest first
     * @throws IllegalStateException when the run kept only its last events: keep more with
     *                               {@code Builder.eventsKept}
     */
    public List<Event> events() {
        if (!eventsComplete()) {
            throw new IllegalStateException("events: " + eventsWritten + " written, the last " + lastEvents.size()
                + " kept (expected: Simulation.Builder.eventsKept(" + eventsWritten + ") or more to keep them all)");
        }
        return lastEvents;
    }

    /**
     * @param type the world's type
     * @param <W>  it
     * @return the shared state at the end of the run
     * @throws IllegalStateException when there is none (setting it up failed); ClassCastException for another type
     */
    public <W> W world(Class<W> type) {
        if (world == null) {
            throw new IllegalStateException("world: none (setting up the world failed: " + outcome.kind() + ")");
        }
        return type.cast(world);
    }

    /** @return the outcome's kind */
    public Outcome.Kind kind() {
        return outcome.kind();
    }

    /** @return true unless PASSED */
    public boolean failed() {
        return outcome.failed();
    }

    /** @return the trace hash as 16 hex digits */
    public String traceHashHex() {
        return TraceHash.hex(traceHash);
    }

    /** @return a multi-line human summary: outcome, counters, trace hash, repro (and last events on failure) */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("outcome: ").append(outcomeLine(outcome));
        sb.append('\n');
        sb.append("strategy: ").append(strategy).append('\n');
        sb.append("steps: ").append(counters.steps()).append(", simulated time: ").append(counters.timeNanos())
            .append("ns, decisions: ").append(counters.decisions()).append(", ops: ").append(counters.opsByKind())
            .append(", failed ops: ").append(counters.opsFailed()).append(", yields injected: ")
            .append(counters.yieldsInjected()).append(", crashes: ").append(counters.crashes());
        if (!counters.faultsByKind().isEmpty()) {
            sb.append(", faults: ").append(counters.faultsByKind());
        }
        sb.append('\n');
        for (String w : warnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        if (!workloadCounters.isEmpty()) {
            sb.append("workload: ").append(workloadCounters).append('\n');
        }
        if (outcome.failed()) {
            sb.append("last events:\n");
            for (Event e : lastEvents) {
                sb.append("  ").append(e).append('\n');
            }
        }
        sb.append("repro: ").append(repro).append('\n');
        sb.append("trace hash: ").append(traceHashHex()).append('\n');
        return sb.toString();
    }

    /**
     * @param o an outcome
     * @return the line {@link #describe()} prints after {@code outcome: } (e.g. {@code VIOLATION of P at step 3, ...})
     */
    public static String outcomeLine(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.kind());
        if (o instanceof Outcome.Violation v) {
            sb.append(" of ").append(v.property()).append(" at step ").append(v.step())
                .append(", t=").append(v.timeNanos()).append("ns, fiber ").append(v.fiber()).append(": ").append(v.message());
        } else if (o instanceof Outcome.Deadlock d) {
            sb.append(" at step ").append(d.step()).append(", t=").append(d.timeNanos())
                .append("ns: ").append(String.join("; ", d.blocked()));
        } else if (o instanceof Outcome.Liveness l) {
            sb.append(": fiber ").append(l.fiber()).append(" (").append(l.op())
                .append(") ran ").append(l.waitedNanos()).append("ns at step ").append(l.step());
        } else if (o instanceof Outcome.InternalError e) {
            sb.append(" at step ").append(e.step()).append(": ").append(e.message());
        } else if (o instanceof Outcome.Incomplete in) {
            sb.append(": ").append(in.reason()).append(", at step ").append(in.step()).append(", t=").append(in.timeNanos())
                .append("ns: ").append(String.join("; ", in.live().subList(0, Math.min(8, in.live().size()))))
                .append(in.live().size() > 8 ? "; ... (" + in.live().size() + " in all)" : "")
                .append(in.skipped().isEmpty() ? "" : "; skipped end-of-run checks: " + String.join(", ", in.skipped()));
            if (in.reason().equals(Outcome.Incomplete.BUDGET)) {
                sb.append(" (more --steps, or --allow-incomplete when the budget is meant to cut the run)");
            }
        } else if (o instanceof Outcome.Passed p) {
            sb.append(p.allFibersDone() ? " (all fibers done)" : " (step budget reached, allowed"
                + (p.skipped().isEmpty() ? ")" : "; skipped, not held: " + String.join(", ", p.skipped()) + ")"));
        }
        return sb.toString();
    }
}
