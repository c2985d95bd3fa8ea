package dev.whopper.workloads.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whopper.workloads.history.History;
import dev.whopper.workloads.history.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Jepsen Elle's {@code huge-scc.edn} (about 10,000 transactions in one strongly connected component, where Elle's
 * own cycle search times out): the bounded search finishes and finds the G2-item-realtime cycle Elle expects.
 * Skipped where the shared test data is absent; it is never copied into the repository.
 */
class HugeSccTest {
    static final Path HUGE_SCC = Path.of("/work/shared/testdata/elle/huge-scc.edn");

    @Test
    void strictSerializabilityFindsARealtimeCycleWithAWitness() throws IOException {
        assumeTrue(Files.isReadable(HUGE_SCC), "skipped: " + HUGE_SCC + " is absent (shared Elle test data)");
        History h = History.parse(Files.readString(HUGE_SCC), Model.LIST_APPEND);
        CheckResult strict = Checker.check(h, Model.LIST_APPEND, Consistency.STRICT_SERIALIZABLE);
        assertFalse(strict.valid());
        assertTrue(strict.forbiddenTypes().contains(AnomalyType.G2_ITEM_REALTIME), CheckText.render(strict));
        Anomaly.Cycle c = (Anomaly.Cycle) strict.anomalies().stream()
            .filter(a -> a.type() == AnomalyType.G2_ITEM_REALTIME).findFirst().orElseThrow();
        CheckerTest.assertClosed(c);
        long rw = c.edges().stream().filter(e -> e.kind() == EdgeKind.RW).count();
        assertTrue(rw >= 2, "G2-item has two or more anti-dependencies: " + CheckText.render(strict));
        assertTrue(c.edges().stream().anyMatch(e -> e.kind() == EdgeKind.REALTIME), CheckText.render(strict));
        assertTrue(CheckText.render(strict).contains("G2-item-realtime: a cycle of "), CheckText.render(strict));
        CheckResult ser = Checker.check(h, Model.LIST_APPEND, Consistency.SERIALIZABLE);
        assertTrue(ser.valid(), "without real time the data dependencies alone are acyclic: " + CheckText.render(ser));
    }
}
