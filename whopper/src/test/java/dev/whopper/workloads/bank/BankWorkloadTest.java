package dev.whopper.workloads.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The engine under test inside the simulator: the {@code bank} workload and its broken twins. */
class BankWorkloadTest {
    private static final int SEEDS = 12;

    @Test
    void passesWithoutFaultsAndRunsEveryOperationKind() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT), 4).seed(seed).maxSteps(200_000).build().run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            assertTrue(r.counters().opsByKind().getOrDefault("transfer", 0L) > 0, r.describe());
            assertTrue(r.counters().opsByKind().getOrDefault("audit", 0L) > 0, r.describe());
            assertEquals(1L, r.counters().opsByKind().getOrDefault("final", 0L), "final verification ran once: " + r.describe());
        }
    }

    /** Crash test through SimIO: acknowledged commits survive, integrity is clean after each recovery. */
    @Test
    void acknowledgedCommitsSurviveCrashesUnderRecoveryFaults() {
        long crashesSeen = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 40), 8).crashes(2).seed(seed).maxSteps(300_000)
                .faults("recovery-heavy").crashWindowSteps(600).build().run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            crashesSeen += r.counters().crashes();
        }
        assertTrue(crashesSeen >= SEEDS, "most runs crashed at least once: " + crashesSeen);
    }

    @Test
    void survivesChaosAndRagnarokWithCrashes() {
        for (String mode : new String[] {"chaos", "ragnarok"}) {
            for (long seed = 1; seed <= SEEDS / 2; seed++) {
                RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 30), 8).crashes(2).seed(seed).maxSteps(300_000)
                    .faults(mode).crashWindowSteps(600).build().run();
                assertEquals(Outcome.Kind.PASSED, r.kind(), mode + ": " + r.describe());
            }
        }
    }

    /**
     * Pinned so that an accidental change of the engine's order of work shows up here: this run evicts
     * from the 64-page cache (176 evictions), checkpoints, crashes twice and recovers under chaos faults.
     * The hash was the same before and after the page cache moved from a LinkedHashMap to EntryTable. It moved
     * (9944bfdaa7340a4f to 30dc97ae22d08ad3) when an open started writing the recovered WAL frames again and syncing
     * them before handing out the database (so that a reopen never shows a commit a crash can still drop): each
     * recovery now does one more write and one more sync. It moved again (30dc97ae22d08ad3 to b98233de63fe874d, commit
     * 52ce967) when a checkpoint began to read and verify from the WAL file every frame it copies, instead of taking
     * the cached images: each checkpoint now issues those reads, which moves the schedule.
     */
    @Test
    void theTraceHashOfAnEngineRunIsPinned() {
        // Faults all along and no liveness check, as when this run was pinned: the pin guards the engine, not the
        // simulator's defaults.
        RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 30), 8).crashes(2).seed(8).maxSteps(300_000).faults("chaos").crashWindowSteps(600)
            .faultWindowNanos(Simulation.Builder.FAULT_WINDOW_NEVER).livenessTimeoutNanos(0).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        assertEquals(2, r.counters().crashes());
        assertEquals("b98233de63fe874d", r.traceHashHex());
    }

    @Test
    void nonAtomicTransferViolatesConservation() {
        RunResult failing = null;
        for (long seed = 1; seed <= 20 && failing == null; seed++) {
            RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.NON_ATOMIC_TRANSFER, 40), 4).crashes(0)
                .seed(seed).maxSteps(200_000).build().run();
            if (r.kind() != Outcome.Kind.PASSED) {
                failing = r;
            }
        }
        assertNotNull(failing, "the non-atomic twin fails within 20 seeds");
        assertEquals(Outcome.Kind.VIOLATION, failing.kind());
        assertTrue(failing.describe().contains(BankProperties.CONSERVATION), failing.describe());
    }

    @Test
    void shrinksAnEightConnectionEngineFailureWithFaultsToASmallerReproThatReplays() {
        Simulation<?> sim = Simulation.builder(BankWorkload.of(BankWorkload.Variant.NON_ATOMIC_TRANSFER, 20), 8).crashes(0)
            .maxSteps(200_000).faults("chaos").build();
        RunResult failing = sim.findFailure(1, 20);
        assertNotNull(failing, "the non-atomic twin fails within 20 seeds with 8 connections");
        dev.whopper.sim.shrink.Shrinker.Result s = new dev.whopper.sim.shrink.Shrinker(150).shrink(sim, failing);
        assertEquals(failing.outcome().failureKey(), s.minimized().outcome().failureKey(), s.describe());
        assertTrue(s.fibersAfter() < 8, s.describe());
        assertTrue(s.stepsAfter() < s.stepsBefore(), s.describe());
        RunResult again = s.simulation().replay(dev.whopper.sim.trace.DecisionLog.parse(s.log().toText()));
        assertEquals(s.minimized().traceHash(), again.traceHash());
        assertEquals(failing.outcome().failureKey(), again.outcome().failureKey());
    }

    @Test
    void earlyAcknowledgementViolatesDurabilityAcrossCrashes() {
        RunResult failing = null;
        for (long seed = 1; seed <= 30 && failing == null; seed++) {
            RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.ACK_BEFORE_COMMIT, 40), 8).crashes(3)
                .seed(seed).maxSteps(300_000).crashWindowSteps(600).build().run();
            if (r.kind() != Outcome.Kind.PASSED) {
                failing = r;
            }
        }
        assertNotNull(failing, "the early-ack twin fails within 30 seeds");
        assertTrue(failing.describe().contains(BankProperties.DURABILITY), failing.describe());
    }

    @Property(tries = 8)
    void sameSeedSameTraceAndReplayReproduces(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                              @ForAll @IntRange(min = 1, max = 6) int connections,
                                              @ForAll @IntRange(min = 0, max = 2) int crashes) {
        Simulation<?> sim = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 15), connections).crashes(crashes).seed(seed).maxSteps(100_000)
            .faults("chaos").crashWindowSteps(300).build();
        RunResult first = sim.run();
        RunResult second = sim.run();
        assertEquals(first.traceHashHex(), second.traceHashHex());
        assertEquals(first.kind(), second.kind());
        RunResult replayed = sim.replay(first);
        assertEquals(first.traceHashHex(), replayed.traceHashHex());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT), 0));
        assertEquals("connections: 0 (expected: > 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 0), 2).crashes(0));
        assertEquals("opsPerFiber: 0 (expected: > 0)", e.getMessage());
    }

    @Test
    void afterAFailedWalSyncTheBankReopensTheDatabaseAndKeepsCommitting() {
        // Only sync failures, often: every one makes the database refuse writes until it is reopened.
        dev.whopper.sim.io.FaultConfig syncFailures = dev.whopper.sim.io.FaultConfig.none()
            .with(dev.whopper.sim.io.FaultKind.SYNC_FAILURE, 0.05);
        long reopens = 0;
        long commits = 0;
        long refusals = 0;
        for (long seed = 1; seed <= 10; seed++) {
            RunResult r = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 40), 4).faults(syncFailures)
                .crashes(1).seed(seed).maxSteps(400_000).build().run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            reopens += r.workloadCounters().get("reopens");
            commits += r.workloadCounters().get("commits");
            refusals += r.workloadCounters().get("readonly");
        }
        assertTrue(reopens >= 10, "reopens " + reopens);
        assertTrue(commits > 3 * refusals, "commits " + commits + " vs read-only refusals " + refusals);
    }
}
