package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import org.junit.jupiter.api.Test;

class ReadmeExampleTest {
    /** Shared state: a counter, and how many increments finished. */
    static final class Counter {
        int value;
        int increments;
    }

    /** Reads, waits (a yield stands in for I/O), writes back: a lost update. */
    static Operation<Void> increment(Counter c) {
        return new Operation<>() {
            int read = -1;

            public IOResult<Void> step() {
                if (read < 0) {
                    read = c.value;
                    return IOResult.io(Completion.yielded());
                }
                c.value = read + 1;
                c.increments++;
                return IOResult.done();
            }
        };
    }

    @Test
    void findsTheLostUpdate() {
        Simulation<Counter> sim = Simulation.builder(Counter::new)
            .strategy("random")
            .fibers(4, (counter, fiber) -> increment(counter))
            .atEnd("no lost update", c -> c.value == c.increments)
            .build();
        RunResult failure = sim.findFailure(1, 20);      // tries seeds 1..20
        assertNotNull(failure);
        System.out.println(failure.describe());          // outcome, last events, repro, trace hash
        assertEquals(Outcome.Kind.VIOLATION, failure.kind());
        assertEquals(failure.traceHash(), sim.replay(failure).traceHash()); // replays exactly
    }
}
