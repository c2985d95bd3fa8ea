package dev.whopper.workloads.churn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.workloads.property.PropertyViolation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The btree-churn model and properties catch hand-made bad outcomes with the expected message and pass good ones. */
class ChurnPropertiesTest {
    private static Map<String, String> writes(String... kv) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aScanMissingAnAcknowledgedKeyFails() {
        ChurnModel m = new ChurnModel(10);
        m.acknowledged(1, writes("k/00001", "a", "k/00002", "b"), 100);
        ChurnProperties.Model p = new ChurnProperties().model;
        TreeMap<String, String> got = new TreeMap<>(Map.of("k/00001", "a"));
        PropertyViolation v = assertThrows(PropertyViolation.class, () -> p.check(m.ackedRange("k/", "k0"), got, "scan"));
        assertEquals("churn-model: scan: k/00002 holds nothing, expected 'b' (1 keys returned, 2 expected)", v.getMessage());
        assertDoesNotThrow(() -> p.check(m.ackedRange("k/", "k0"), m.ackedRange("k/", "k0"), "scan"));
        TreeMap<String, String> extra = m.ackedRange("k/", "k0");
        extra.put("k/00005", "deleted");
        v = assertThrows(PropertyViolation.class, () -> p.check(m.ackedRange("k/", "k0"), extra, "scan"));
        assertTrue(v.getMessage().contains("k/00005 holds 'deleted', expected nothing"), v.getMessage());
    }

    @Test
    void aRecoveryLosingAnAcknowledgedWriteFailsUnlessABitFlipExplainsIt() {
        ChurnModel m = new ChurnModel(10);
        m.acknowledged(1, writes("k/00001", "a"), 100);
        m.acknowledged(2, writes("k/00001", "b"), 200);
        TreeMap<String, String> recovered = new TreeMap<>(Map.of("k/00001", "a"));
        assertEquals(List.of("k/00001 holds 'a', expected 'b'"), m.compareRecovered(recovered, walEnd -> false));
        assertEquals(List.of(), m.compareRecovered(recovered, walEnd -> walEnd == 200));
        assertEquals(1, m.writesLostToBitRot);
    }

    @Test
    void aCommitOfUnknownOutcomeShowsWholeOrNotAtAll() {
        ChurnModel m = new ChurnModel(10);
        m.acknowledged(1, writes("k/00001", "a", "k/00002", "b"), 100);
        Map<String, String> unknown = writes("k/00001", "x", "k/00002", null);
        m.attempted(2, unknown);
        assertEquals(List.of(), m.compareRecovered(new TreeMap<>(Map.of("k/00001", "a", "k/00002", "b")), w -> false), "not at all");
        assertEquals(List.of(), m.compareRecovered(new TreeMap<>(Map.of("k/00001", "x")), w -> false), "whole");
        assertEquals(List.of("transaction 2 shows only in part: k/00002 holds 'b', not its write nothing"),
            m.compareRecovered(new TreeMap<>(Map.of("k/00001", "x", "k/00002", "b")), w -> false));
        assertEquals(List.of("k/00003 holds 'ghost', expected nothing"),
            m.compareRecovered(new TreeMap<>(Map.of("k/00001", "a", "k/00002", "b", "k/00003", "ghost")), w -> false));
    }

    @Test
    void valuesNameTheirTransactionAndKey() {
        String v = ChurnModel.value(7, "k/00042", 40);
        assertEquals(40, v.length());
        assertTrue(v.startsWith("t7@k/00042:"), v);
    }
}
