package dev.whopper.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The {@code campaign} mode: each seed draws its own workload, faults, crashes and strategy, deterministically, and reruns. */
class CampaignModeTest {
    @Test
    void theDrawIsAFunctionOfTheSeedAndCoversEveryChoice() {
        Map<String, Integer> workloads = new TreeMap<>();
        Map<String, Integer> faults = new TreeMap<>();
        Map<Integer, Integer> crashes = new TreeMap<>();
        Map<String, Integer> strategies = new TreeMap<>();
        for (long seed = 1; seed <= 800; seed++) {
            CampaignDraw.Choices c = CampaignDraw.draw(seed);
            assertEquals(c, CampaignDraw.draw(seed), "seed " + seed);
            workloads.merge(c.workload(), 1, Integer::sum);
            faults.merge(c.faults(), 1, Integer::sum);
            crashes.merge(c.crashes(), 1, Integer::sum);
            strategies.merge(c.strategy(), 1, Integer::sum);
        }
        assertEquals(Set.of("random", "pct:3", "pos", "swarm"), strategies.keySet());
        for (Map.Entry<String, Integer> e : strategies.entrySet()) {
            assertBetween(140, 260, e.getValue(), e.getKey() + ", 1/4 of 800: " + strategies);
        }
        assertEquals(Set.of("mixed", "checkpoint-storm", "btree-churn"), workloads.keySet());
        assertEquals(Set.of("none", "chaos"), faults.keySet());
        assertEquals(Set.of(0, 1, 2), crashes.keySet());
        assertBetween(330, 470, workloads.get("mixed"), "mixed, 1/2 of 800: " + workloads);
        assertBetween(140, 260, workloads.get("checkpoint-storm"), "checkpoint-storm, 1/4: " + workloads);
        assertBetween(330, 470, faults.get("chaos"), "chaos, 1/2: " + faults);
        assertBetween(330, 470, crashes.get(2), "2 crashes, 1/2: " + crashes);
        assertBetween(140, 260, crashes.get(0), "no crash, 1/4: " + crashes);
    }

    @Test
    void knownDrawsArePinned() {
        assertEquals(new CampaignDraw.Choices("mixed", "chaos", 0, "random"), CampaignDraw.draw(1));
        assertEquals(new CampaignDraw.Choices("checkpoint-storm", "chaos", 1, "swarm"), CampaignDraw.draw(2));
        assertEquals(new CampaignDraw.Choices("mixed", "none", 2, "random"), CampaignDraw.draw(3));
    }

    private static void assertBetween(int low, int high, int value, String what) {
        assertTrue(value >= low && value <= high, what);
    }

    @Test
    void aCampaignConfigurationTakesTheSeedsDrawAndExplicitOptionsOverrideIt() {
        for (long seed = 1; seed <= 40; seed++) {
            RunConfig c = RunConfig.parse("--seed", Long.toString(seed), "--mode", "campaign");
            CampaignDraw.Choices d = CampaignDraw.draw(seed);
            assertEquals(d, new CampaignDraw.Choices(c.workload(), c.faults(), c.crashes(), c.strategy().toString()), "seed " + seed);
            assertEquals(EnumSet.allOf(CampaignDraw.Choice.class), c.drawn());
            assertEquals(100_000, c.steps());
            assertEquals(0, c.crashWindowSteps(), "crashes over the run's real length");
            assertEquals(List.of("--seed", Long.toString(seed), "--mode", "campaign", "--connections", "8", "--steps", "100000"),
                c.toArgs(), "nothing drawn is printed: the seed draws it again");
        }
        RunConfig kv = RunConfig.parse("--seed", "3", "--mode", "campaign", "--workload", "kv-model", "--faults", "none");
        assertEquals("kv-model", kv.workload());
        assertEquals("none", kv.faults());
        assertEquals(CampaignDraw.draw(3).crashes(), kv.crashes());
        assertEquals(EnumSet.of(CampaignDraw.Choice.CRASHES, CampaignDraw.Choice.STRATEGY), kv.drawn());
        assertEquals(StrategySpec.parse(CampaignDraw.draw(3).strategy()), kv.strategy());
        assertEquals(List.of("--seed", "3", "--mode", "campaign", "--workload", "kv-model", "--connections", "8", "--steps",
            "100000", "--faults", "none"), kv.toArgs(), "an explicit choice is always printed, a drawn one never");
        RunConfig noCrash = RunConfig.parse("--mode", "campaign", "--workload", "lost-update");
        assertEquals(0, noCrash.crashes(), "a workload without crash recovery draws no crash");
        assertEquals(noCrash, RunConfig.parse(noCrash.toArgs().toArray(new String[0])));
    }

    @Property(tries = 200)
    void parsingItsArgumentsGivesTheSameCampaignConfiguration(@ForAll long seed, @ForAll @IntRange(min = 0, max = 7) int given,
                                                              @ForAll @IntRange(min = 0, max = 4) int strategy) {
        List<String> args = new ArrayList<>(List.of("--seed", Long.toString(seed), "--mode", "campaign"));
        if (strategy < 4) {
            args.addAll(List.of("--strategy", List.of("random", "pct:3", "pos", "rr").get(strategy)));
        }
        if ((given & 1) != 0) {
            args.addAll(List.of("--workload", "btree-churn"));
        }
        if ((given & 2) != 0) {
            args.addAll(List.of("--faults", "ragnarok"));
        }
        if ((given & 4) != 0) {
            args.addAll(List.of("--crashes", "1"));
        }
        RunConfig c = RunConfig.parse(args.toArray(new String[0]));
        assertEquals(3 - Integer.bitCount(given) + (strategy == 4 ? 1 : 0), c.drawn().size(), c.toString());
        assertEquals(c, RunConfig.parse(c.toArgs().toArray(new String[0])), String.join(" ", c.toArgs()));
        assertEquals(c.fixed(), RunConfig.parse(c.fixed().toArgs().toArray(new String[0])));
        assertEquals(c.fixed(), c.simulation().config(), "the simulation's configuration names every drawn value");
    }

    @Property(tries = 100)
    void withSeedDrawsTheDrawnChoicesAgainAndKeepsTheGivenOnes(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        RunConfig first = RunConfig.parse("--seed", "1", "--mode", "campaign", "--faults", "none");
        RunConfig c = first.withSeed(seed);
        assertEquals(RunConfig.parse("--seed", Long.toString(seed), "--mode", "campaign", "--faults", "none"), c);
        assertEquals("none", c.faults());
        assertEquals(CampaignDraw.draw(seed).workload(), c.workload());
        RunConfig plain = RunConfig.parse("--seed", "1", "--workload", "kv-model");
        assertEquals(RunConfig.parse("--seed", Long.toString(seed), "--workload", "kv-model"), plain.withSeed(seed));
    }

    @Test
    void aRunIsDeterministicAndItsReproReRunsIt() {
        for (long seed : new long[] {1, 2, 3, 4}) {
            RunConfig c = RunConfig.parse("--seed", Long.toString(seed), "--mode", "campaign");
            RunResult r = c.simulation().run();
            RunResult again = RunConfig.parse("--seed", Long.toString(seed), "--mode", "campaign").simulation().run();
            assertEquals(r.traceHashHex(), again.traceHashHex(), "seed " + seed + ": same seed, same trace");
            assertTrue(r.repro().contains("--mode campaign --workload " + c.workload()), r.repro());
            String[] printed = r.repro().substring("whopper run ".length()).split(" ");
            assertEquals(r.traceHashHex(), RunConfig.parse(printed).simulation().run().traceHashHex(), r.repro());
            assertFalse(r.failed(), r.describe());
        }
        assertNotEquals(CampaignDraw.draw(1), CampaignDraw.draw(3), "seeds 1 and 3 draw different configurations");
    }

    @Test
    void drawnChoicesMustBeTheSeedsDrawAndOnlyInACampaign() {
        RunConfig c = RunConfig.parse("--seed", "5", "--mode", "campaign");
        String other = c.workload().equals("mixed") ? "btree-churn" : "mixed";
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> new RunConfig(5, other,
            8, 100_000, c.strategy(), c.yieldRate(), c.yieldCap(), c.stepCostNanos(), c.faults(), Set.of(),
            c.faultWindowNanos(), c.crashes(), 0, c.livenessTimeoutNanos(), false, "campaign", c.drawn()));
        assertEquals("drawn: [WORKLOAD, FAULTS, CRASHES, STRATEGY] (expected: the values seed 5 draws: " + CampaignDraw.draw(5) + ")",
            wrong.getMessage());
        IllegalArgumentException fast = assertThrows(IllegalArgumentException.class, () -> new RunConfig(5, "bank", 8,
            100_000, StrategySpec.parse("random"), c.yieldRate(), c.yieldCap(), c.stepCostNanos(), "none", Set.of(),
            c.faultWindowNanos(), 0, 0, c.livenessTimeoutNanos(), false, "fast", EnumSet.of(CampaignDraw.Choice.FAULTS)));
        assertEquals("drawn: [FAULTS] (expected: none in mode fast: only a mode that draws per seed draws choices)",
            fast.getMessage());
    }
}
