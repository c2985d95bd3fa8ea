package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.whopper.core.io.RandomSource;
import dev.whopper.sim.random.RandomStreams;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A fiber carries its workload stream inline (it extends the generator): it draws exactly what the named
 * stream {@code fiber/<id>} draws, so moving the state into the fiber moved no trace hash.
 */
class FiberStreamsTest {
    @Property(tries = 50)
    void aFiberIsItsNamedWorkloadStream(@ForAll long rootSeed, @ForAll @IntRange(min = 0, max = 100_000) int id) {
        RandomStreams streams = new RandomStreams(rootSeed);
        Fiber f = new Fiber(id, null, streams.seedOf(RandomStreams.fiberStreamName(id)));
        assertSame(f, f.random());
        RandomSource named = streams.fiber(id);
        for (int k = 0; k < 100; k++) {
            assertEquals(named.nextLong(), f.random().nextLong(), "draw " + k);
            assertEquals(named.nextInt(1 + k), f.random().nextInt(1 + k), "bounded draw " + k);
        }
    }
}
