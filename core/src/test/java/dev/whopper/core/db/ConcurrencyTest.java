package dev.whopper.core.db;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Randomized multi-connection runs against a model (see {@link Scenario}). */
class ConcurrencyTest {
    @Property(tries = 100)
    void randomInterleavingsMatchTheModel(@ForAll long seed) {
        new Scenario(seed, false).run();
    }

    @Property(tries = 100)
    void randomInterleavingsWithYieldInjectionMatchTheModel(@ForAll long seed) {
        new Scenario(seed, true).run();
    }
}
