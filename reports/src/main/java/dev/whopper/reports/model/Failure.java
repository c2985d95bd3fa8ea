package dev.whopper.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * One failed run, with what is needed to understand and rerun it.
 *
 * @param seed            the run's seed
 * @param outcome         VIOLATION, DEADLOCK, LIVENESS, INCOMPLETE or INTERNAL_ERROR
 * @param summary         the outcome line (as the console prints it after {@code outcome: })
 * @param repro           the command line that reruns it
 * @param traceHash       its trace hash, 16 hex digits
 * @param violation       what broke, or {@code null} when the outcome has no single point (e.g. INCOMPLETE)
 * @param lastEvents      the last events of the run as the console prints them (the event ring), oldest first
 * @param timeline        the last events of each fiber and of the system with their values (for the swimlanes),
 *                        ordered by step; empty when the run did not capture them
 * @param shrink          how it was shrunk, or {@code null}
 */
public record Failure(long seed, String outcome, String summary, String repro, String traceHash, Violation violation,
                      List<TimelineEvent> lastEvents, List<TimelineEvent> timeline, Shrink shrink) {
    public Failure {
        Objects.requireNonNull(outcome, "outcome");
        summary = summary == null ? "" : summary;
        repro = repro == null ? "" : repro;
        traceHash = traceHash == null ? "" : traceHash;
        lastEvents = lastEvents == null ? List.of() : List.copyOf(lastEvents);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /**
     * @param s how it was shrunk
     * @return this failure with it
     */
    public Failure withShrink(Shrink s) {
        return new Failure(seed, outcome, summary, repro, traceHash, violation, lastEvents, timeline, s);
    }
}
