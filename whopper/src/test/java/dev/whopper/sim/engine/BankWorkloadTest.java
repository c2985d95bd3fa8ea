package dev.whopper.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import org.junit.jupiter.api.Test;

class BankWorkloadTest {
    @Test
    void passesWithoutFaults() {
        for (long seed = 1; seed <= 5; seed++) {
            RunResult r = BankWorkload.builder(4).seed(seed).maxSteps(200_000).build().run();
            System.out.println(r.describe());
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        }
    }
}
