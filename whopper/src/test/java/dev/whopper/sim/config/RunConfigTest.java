package dev.whopper.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.shrink.Shrinker;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.sim.trace.DecisionLog;
import dev.whopper.workloads.registry.WorkloadRegistry;
import dev.whopper.workloads.spi.Workload;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RunConfigTest {
    @Provide
    Arbitrary<RunConfig> configs() {
        Arbitrary<Workload<?>> workloads = Arbitraries.of(WorkloadRegistry.all());
        Arbitrary<StrategySpec> strategies = Arbitraries.of("random", "rr", "pct", "pct:2", "pct:7", "pos", "swarm")
            .map(StrategySpec::parse);
        Arbitrary<Set<FaultKind>> off = Arbitraries.of(FaultKind.class).set().ofMaxSize(3);
        Arbitrary<Double> yieldRates = Arbitraries.oneOf(Arbitraries.just(0.1), Arbitraries.doubles().between(0, 1));
        Arbitrary<Long> windows = Arbitraries.oneOf(Arbitraries.just(Long.MAX_VALUE), Arbitraries.longs().between(1, 1L << 40));
        return Combinators.combine(workloads, Arbitraries.longs(), Arbitraries.integers().between(0, 30),
                Arbitraries.longs().between(1, 1_000_000), strategies, yieldRates, Arbitraries.integers().between(0, 9),
                Arbitraries.longs().between(0, RunConfig.MAX_STEP_COST_NANOS))
            .flatAs((w, seed, extra, steps, strategy, yieldRate, cap, cost) ->
                Combinators.combine(Arbitraries.of(Simulation.FAULT_MODES), off, windows,
                        Arbitraries.integers().between(0, w.crashRecovery() == null ? 0 : 4),
                        Arbitraries.longs().between(0, 10_000), Arbitraries.longs().between(0, 1L << 40),
                        Arbitraries.of(true, false), Arbitraries.of(RunMode.names()))
                    .as((faults, offKinds, window, crashes, crashWindow, liveness, allow, mode) -> new RunConfig(seed, w.name(),
                        w.minConnections() + extra, steps, strategy, yieldRate, cap, cost, faults, offKinds, window, crashes,
                        crashWindow, liveness, allow, mode, Set.of())));
    }

    @Property(tries = 300)
    void parsingItsArgumentsGivesTheSameConfiguration(@ForAll("configs") RunConfig c) {
        assertEquals(c, RunConfig.parse(c.toArgs().toArray(new String[0])), String.join(" ", c.toArgs()));
    }

    @Property(tries = 100)
    void itsSimulationHasItAsItsConfigurationAndPrintsItAsTheRepro(@ForAll("configs") RunConfig c) {
        Simulation<?> sim = c.simulation();
        assertEquals(c, sim.config());
        assertEquals(c.commandLine(), sim.repro(null));
    }

    @Test
    void theDefaultsAreTheCommandLinesDefaults() {
        assertEquals(RunConfig.defaults(7), RunConfig.parse("--seed", "7"));
        assertEquals(List.of("--seed", "7", "--workload", "bank", "--connections", "8", "--steps", "100000", "--strategy",
            "random"), RunConfig.defaults(7).toArgs());
    }

    @Test
    void aModeSetsTheDefaultsAndExplicitOptionsOverrideIt() {
        RunConfig chaos = RunConfig.parse("--seed", "3", "--mode", "CHAOS");
        assertEquals("chaos", chaos.mode());
        assertEquals("bank", chaos.workload());
        assertEquals("chaos", chaos.faults());
        assertEquals(200_000, chaos.steps());
        assertEquals(1, chaos.crashes());
        assertEquals(2_000, chaos.crashWindowSteps());
        assertEquals(List.of("--seed", "3", "--mode", "chaos", "--workload", "bank", "--connections", "8", "--steps", "200000",
            "--strategy", "random"), chaos.toArgs(), "the mode, and nothing it implies");
        RunConfig btree = RunConfig.parse("--mode", "btree", "--crashes", "0", "--faults", "chaos", "--steps", "5000");
        assertEquals("btree-churn", btree.workload());
        assertEquals(List.of("--seed", "0", "--mode", "btree", "--workload", "btree-churn", "--connections", "8", "--steps",
            "5000", "--strategy", "random", "--faults", "chaos", "--crashes", "0"), btree.toArgs(), "the overrides are printed");
        assertEquals(btree, RunConfig.parse(btree.toArgs().toArray(new String[0])));
        RunConfig fast = RunConfig.parse("--seed", "7", "--mode", "fast");
        assertEquals(RunConfig.defaults(7), fast, "fast is exactly the defaults");
        assertEquals(RunConfig.defaults(7).toArgs(), fast.toArgs());
        assertEquals(0, RunConfig.parse("--mode", "ragnarok", "--workload", "lost-update").crashes(),
            "a mode's crashes apply only to workloads that can crash");
        for (String m : RunMode.names()) {
            RunConfig c = RunConfig.parse("--mode", m);
            assertEquals(RunMode.byName(m).steps(), c.steps(), m);
            assertEquals(RunMode.byName(m).defaults(0).faults(), c.faults(), m);
        }
    }

    @Test
    void anUnknownModeIsOneLineNamingTheModes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunConfig.parse("--mode", "fastest"));
        assertEquals("--mode: fastest (expected: one of fast, chaos, ragnarok, recovery-heavy, btree, campaign)", e.getMessage());
    }

    @Test
    void aRunItsPrintedReproAndItsShrunkReproGiveTheSameTraceHash() {
        RunConfig c = RunConfig.parse("--seed", "4", "--workload", "lost-update", "--connections", "4", "--steps", "5000",
            "--step-cost-nanos", "250", "--yield-rate", "0.3");
        RunResult run = c.simulation().run();
        assertTrue(run.failed(), run.describe());
        assertTrue(run.repro().contains("--step-cost-nanos 250"), run.repro());
        RunConfig printed = RunConfig.parse(args(run.repro()));
        assertEquals(run.traceHash(), printed.simulation().run().traceHash());

        Shrinker.Result s = new Shrinker(100).shrink(c.simulation(), run);
        String repro = s.repro();
        int replay = repro.indexOf(" --replay ");
        RunConfig shrunk = RunConfig.parse(args(repro.substring(0, replay)));
        DecisionLog log = DecisionLog.parse(repro.substring(replay + " --replay ".length()));
        assertEquals(s.minimized().traceHash(), shrunk.simulation().replay(log).traceHash(), repro);
    }

    private static String[] args(String repro) {
        assertTrue(repro.startsWith("whopper run "), repro);
        return repro.substring("whopper run ".length()).split(" ");
    }

    @Test
    void namesAreMatchedTheSameWayEverywhere() {
        RunConfig c = RunConfig.parse("--workload", "Lost-Update", "--strategy", "PCT:2", "--faults", "CHAOS",
            "--faults-off", "BIT-FLIP,latency_spike");
        assertEquals("lost-update", c.workload());
        assertEquals(new StrategySpec(StrategySpec.Kind.PCT, 2), c.strategy());
        assertEquals("chaos", c.faults());
        assertEquals(EnumSet.of(FaultKind.BIT_FLIP, FaultKind.LATENCY_SPIKE), c.faultsOff());
    }

    @Test
    void badValuesGetOneLineNamingTheOptionAndTheValidValues() {
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"--step-cost-nanos", "9223372036854775807"});
        bad.add(new String[] {"--connections", "0"});
        bad.add(new String[] {"--workload", "nope"});
        bad.add(new String[] {"--faults", "doom"});
        bad.add(new String[] {"--workload", "lock-order", "--crashes", "1"});
        assertEquals("--step-cost-nanos: 9223372036854775807 (expected: in [0, 1000000000])", message(bad.get(0)));
        assertEquals("--connections: 0 (expected: > 0)", message(bad.get(1)));
        assertEquals("--workload: nope (expected: one of " + String.join(", ", WorkloadRegistry.names()) + ")",
            message(bad.get(2)));
        assertEquals("--faults: doom (expected: one of none, fast, chaos, ragnarok, recovery-heavy)", message(bad.get(3)));
        assertEquals("--crashes: 1 (expected: 0 for workload lock-order: it has no crash recovery)", message(bad.get(4)));
    }

    private static String message(String[] args) {
        return assertThrows(IllegalArgumentException.class, () -> RunConfig.parse(args)).getMessage();
    }
}
