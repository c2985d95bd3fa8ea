package dev.whopper.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.workloads.counter.CounterWorkload;
import dev.whopper.workloads.kv.KvWorkload;
import dev.whopper.workloads.mixed.MixedWorkload;
import dev.whopper.workloads.spi.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed, same run, for every new engine workload: the trace hash repeats, and a replay of the decisions too. */
class EngineWorkloadDeterminismTest {
    private static final List<Workload<?>> WORKLOADS = List.of(KvWorkload.of(15), CounterWorkload.of(15), MixedWorkload.of(20));

    @Test
    void theSameSeedGivesTheSameTraceHashAndReplaysToIt() {
        for (Workload<?> w : WORKLOADS) {
            for (String strategy : new String[] {"random", "swarm"}) {
                for (long seed = 1; seed <= 2; seed++) {
                    Simulation<?> sim = Simulation.builder(w, 4).seed(seed).strategy(strategy).faults("chaos").crashes(2)
                        .crashWindowSteps(400).maxSteps(300_000).build();
                    RunResult first = sim.run();
                    RunResult second = sim.run();
                    String what = w.name() + " " + strategy + " seed " + seed;
                    assertEquals(first.traceHashHex(), second.traceHashHex(), what);
                    assertEquals(first.kind(), second.kind(), what);
                    assertEquals(first.workloadCounters(), second.workloadCounters(), what);
                    assertEquals(first.traceHashHex(), sim.replay(first).traceHashHex(), what + " replayed");
                }
            }
            RunResult a = Simulation.builder(w, 4).seed(1).build().run();
            RunResult b = Simulation.builder(w, 4).seed(2).build().run();
            assertNotEquals(a.traceHashHex(), b.traceHashHex(), w.name() + ": another seed, another run");
        }
    }
}
