package dev.whopper.workloads.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.history.SyntheticHistories;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Generated histories: strict serializable ones are reported clean under every model; snapshot reads are not. */
class CleanHistoriesTest {

    @Property(tries = 25)
    void randomStrictSerializableHistoriesAreClean(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
                                                  @ForAll @IntRange(min = 1, max = 1500) int txns,
                                                  @ForAll @IntRange(min = 1, max = 12) int processes,
                                                  @ForAll @IntRange(min = 1, max = 6) int keys) {
        for (Model model : Model.values()) {
            History h = SyntheticHistories.generate(model, seed, txns, processes, keys, false);
            for (Consistency c : Consistency.values()) {
                CheckResult r = Checker.check(h, model, c);
                assertTrue(r.found().isEmpty(), model + " " + c + ":\n" + CheckText.render(r));
                assertEquals(txns, r.transactions());
            }
        }
    }

    @Test
    void aLargeSerialHistoryIsClean() {
        History h = SyntheticHistories.generate(Model.LIST_APPEND, 99, 20_000, 20, 10, false);
        CheckResult r = Checker.check(History.parse(h.toEdn(), Model.LIST_APPEND), Model.LIST_APPEND,
            Consistency.STRICT_SERIALIZABLE);
        assertTrue(r.found().isEmpty(), CheckText.render(r));
        assertFalse(r.truncated());
    }

    @Test
    void snapshotReadsAreCaughtWithWitnesses() {
        for (Model model : Model.values()) {
            History h = SyntheticHistories.generate(model, 5, 3_000, 20, 4, true);
            CheckResult si = Checker.check(h, model, Consistency.SNAPSHOT_ISOLATION);
            CheckResult strict = Checker.check(h, model, Consistency.STRICT_SERIALIZABLE);
            assertFalse(strict.valid(), CheckText.oneLine(strict));
            assertTrue(strict.found().containsKey(AnomalyType.LOST_UPDATE), CheckText.oneLine(strict));
            assertFalse(si.valid(), "lost updates break snapshot isolation too: " + CheckText.oneLine(si));
            for (Anomaly a : strict.anomalies()) {
                if (a instanceof Anomaly.Cycle c) {
                    CheckerTest.assertClosed(c);
                }
            }
        }
    }
}
