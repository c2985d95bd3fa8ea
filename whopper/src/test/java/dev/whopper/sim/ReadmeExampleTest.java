package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import org.junit.jupiter.api.Test;
import dev.whopper.workloads.spi.Operation;

class ReadmeExampleTest {
    static final class Counter {                    // the shared state, created fresh for every run
        int value, increments;
    }

    static Operation<Void> increment(Counter c) {   // read, wait (a yield stands in for I/O), write back
        return new Operation<>() {
            int read = -1;

            public IOResult<Void> step() {
                if (read < 0) {
                    read = c.value;
                    return IOResult.io(Completion.yielded());   // "call me again later"
                }
                c.value = read + 1;                 // a lost update if another fiber wrote in between
                c.increments++;
                return IOResult.done();
            }
        };
    }

    @Test
    void findsTheLostUpdate() {
        Simulation<Counter> sim = Simulation.builder(Counter::new)
            .seed(1)
            .strategy("random")                                            // rr, pct:2, pos, swarm
            .fibers(4, (counter, fiber) -> increment(counter))            // 4 fibers, one increment each
            .invariant("never over-counts", c -> c.value <= c.increments) // checked after every step
            .atEnd("no lost update", c -> c.value == c.increments)        // checked when all fibers are done
            .build();
        RunResult result = sim.run();
        System.out.println(result.describe());      // outcome, last events, repro, trace hash
        assertEquals(Outcome.Kind.VIOLATION, result.kind());
        assertEquals(result.traceHash(), sim.replay(result.decisions()).traceHash()); // replays exactly
    }
}
