package dev.whopper.workloads.elle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.workloads.check.CheckResult;
import dev.whopper.workloads.check.CheckText;
import dev.whopper.workloads.check.Checker;
import dev.whopper.workloads.check.Consistency;
import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.MicroOp;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.property.Properties;
import dev.whopper.workloads.property.Violation;
import dev.whopper.workloads.registry.WorkloadRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** list-append and rw-register on the engine under the simulator: clean histories, determinism, and a broken one caught. */
class ElleWorkloadTest {
    private static final int SEEDS = 10;

    /** Runs one seed and returns the result with the world it ran on (captured by a property that always holds). */
    private static RunResult run(Model model, Consistency c, long seed, String faults, int crashes, List<ElleWorld> worlds) {
        return Simulation.builder(ElleWorkload.of(model, 25, c), 6).seed(seed).maxSteps(400_000).faults(faults).crashes(crashes)
            .crashWindowSteps(600)
            .property(w -> {
                worlds.add(w);
                return Properties.atEnd("capture-world", () -> true);
            })
            .build().run();
    }

    @Test
    void bothWorkloadsAreRegisteredWithADescription() {
        for (String name : List.of("list-append", "rw-register")) {
            assertEquals(name, WorkloadRegistry.byName(name).name());
            assertTrue(WorkloadRegistry.byName(name).description().contains("serializable"));
        }
    }

    @Test
    void passOnTheCorrectEngineForManySeedsAndAreStrictSerializableToo() {
        for (Model model : Model.values()) {
            long commits = 0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                List<ElleWorld> worlds = new ArrayList<>();
                RunResult r = run(model, Consistency.SERIALIZABLE, seed, "none", 0, worlds);
                assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
                History h = worlds.get(worlds.size() - 1).history();
                CheckResult strict = Checker.check(h, model, Consistency.STRICT_SERIALIZABLE);
                assertTrue(strict.valid(), CheckText.render(strict));
                commits += strict.committed();
                assertEquals(h, History.parse(h.toEdn(), model), "the run's history survives an EDN round trip");
            }
            assertTrue(commits > SEEDS * 50, model + ": transactions commit: " + commits);
        }
    }

    @Test
    void passUnderChaosFaultsAndCrashes() {
        for (Model model : Model.values()) {
            long unknown = 0;
            long fails = 0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                List<ElleWorld> worlds = new ArrayList<>();
                RunResult r = run(model, Consistency.STRICT_SERIALIZABLE, seed, "chaos", 2, worlds);
                assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
                unknown += r.workloadCounters().get("unknown");
                fails += r.workloadCounters().get("fails");
            }
            assertTrue(unknown > 0, model + ": crashes and failed commits leave indeterminate transactions");
            assertTrue(fails > 0, model + ": faults fail transactions");
        }
    }

    @Test
    void theSameSeedGivesTheSameTraceHashAndHistory() {
        for (Model model : Model.values()) {
            List<ElleWorld> first = new ArrayList<>();
            List<ElleWorld> second = new ArrayList<>();
            RunResult a = run(model, Consistency.SERIALIZABLE, 42, "chaos", 1, first);
            RunResult b = run(model, Consistency.SERIALIZABLE, 42, "chaos", 1, second);
            assertEquals(a.traceHashHex(), b.traceHashHex());
            // the last world is the recorded run's (measuring runs before it make their own)
            assertEquals(first.get(first.size() - 1).history().toEdn(), second.get(second.size() - 1).history().toEdn());
            RunResult c = run(model, Consistency.SERIALIZABLE, 43, "chaos", 1, first);
            assertTrue(!c.traceHashHex().equals(a.traceHashHex()), "another seed, another run");
        }
    }

    /**
     * A real run's history in which one read lost an acknowledged append (the middle element of a list that a later,
     * longer read still shows): the property fails, naming the incompatible order with both reads as witness.
     */
    @Test
    void aReadThatLostAnAppendFailsTheProperty() {
        List<ElleWorld> worlds = new ArrayList<>();
        RunResult r = run(Model.LIST_APPEND, Consistency.SERIALIZABLE, 3, "none", 0, worlds);
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        History h = worlds.get(worlds.size() - 1).history();
        HistoryProperty property = new HistoryProperty(Model.LIST_APPEND, Consistency.SERIALIZABLE, () -> h);
        assertNull(property.check(h));
        Violation v = property.check(loseAppendInOneRead(h));
        assertNotNull(v, "the lost append is caught");
        assertEquals("elle-serializable", v.property());
        assertTrue(v.message().startsWith("list-append history not serializable: incompatible-order (1)"), v.message());
        assertTrue(v.message().contains("which is not a prefix of"), v.message());
    }

    /** Drops element 1 from the first committed read of three or more elements that a later, longer read extends. */
    private static History loseAppendInOneRead(History h) {
        List<Event> events = h.events();
        int at = -1;
        int opAt = -1;
        for (int i = 0; i < events.size() && at < 0; i++) {
            List<MicroOp> ops = events.get(i).txn();
            for (int j = 0; j < ops.size() && at < 0; j++) {
                if (events.get(i).type() == Event.Type.OK && ops.get(j) instanceof MicroOp.ListRead r && r.size() >= 3
                    && extendedLater(events, i, r)) {
                    at = i;
                    opAt = j;
                }
            }
        }
        assertTrue(at >= 0, "some read of three elements is extended by a later one");
        List<Event> out = new ArrayList<>(events);
        Event e = events.get(at);
        List<MicroOp> ops = new ArrayList<>(e.txn());
        MicroOp.ListRead r = (MicroOp.ListRead) ops.get(opAt);
        long[] kept = new long[r.size() - 1];
        for (int i = 0, k = 0; i < r.size(); i++) {
            if (i != 1) {
                kept[k++] = r.get(i);
            }
        }
        ops.set(opAt, new MicroOp.ListRead(r.key(), kept));
        out.set(at, new Event(e.index(), e.type(), e.f(), e.process(), e.timeNanos(), ops, e.value(), e.extras()));
        return new History(out);
    }

    private static boolean extendedLater(List<Event> events, int from, MicroOp.ListRead r) {
        for (int i = from + 1; i < events.size(); i++) {
            for (MicroOp op : events.get(i).txn()) {
                if (events.get(i).type() == Event.Type.OK && op instanceof MicroOp.ListRead l && l.key() == r.key()
                    && l.size() > r.size()) {
                    return true;
                }
            }
        }
        return false;
    }
}
