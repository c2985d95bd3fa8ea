package dev.whopper.sim.report;

import dev.whopper.sim.trace.TraceSink;

/** Combining sinks. */
public final class TraceSinks {
    private TraceSinks() { }

    /**
     * @param a a sink or null
     * @param b a sink or null
     * @return a sink telling both (in that order), the one that is not null, or null
     */
    public static TraceSink both(TraceSink a, TraceSink b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return (step, t, fiber, op, kind, value) -> {
            a.event(step, t, fiber, op, kind, value);
            b.event(step, t, fiber, op, kind, value);
        };
    }
}
