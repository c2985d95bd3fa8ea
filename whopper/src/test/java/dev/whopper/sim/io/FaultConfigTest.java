package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultConfigTest {

    @Test
    void everyRateIsChecked() {
        String[] names = {"ioErrorRead", "ioErrorWrite", "ioErrorSync", "ioErrorTruncate", "shortRead", "tornWrite",
            "bitFlip", "latencySpike", "syncFailure"};
        for (int i = 0; i < names.length; i++) {
            double[] r = new double[9];
            r[i] = 1.5;
            assertEquals(names[i] + ": 1.5 (expected: in [0, 1])", assertThrows(IllegalArgumentException.class,
                () -> new FaultConfig(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], 0, r[8], 512)).getMessage());
            r[i] = -0.0001;
            assertEquals(names[i] + ": -1.0E-4 (expected: in [0, 1])", assertThrows(IllegalArgumentException.class,
                () -> new FaultConfig(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], 0, r[8], 512)).getMessage());
            r[i] = Double.NaN;
            assertEquals(names[i] + ": NaN (expected: in [0, 1])", assertThrows(IllegalArgumentException.class,
                () -> new FaultConfig(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], 0, r[8], 512)).getMessage());
        }
    }

    @Test
    void spikeAndSectorChecks() {
        assertEquals("latencySpikeNanos: -1 (expected: in [0, 3600000000000])",
            assertThrows(IllegalArgumentException.class, () -> FaultConfig.none().withLatencySpikeNanos(-1)).getMessage());
        assertEquals("sectorSize: 0 (expected: a power of two in [1, 65536])",
            assertThrows(IllegalArgumentException.class, () -> FaultConfig.none().withSectorSize(0)).getMessage());
        assertEquals("sectorSize: 513 (expected: a power of two in [1, 65536])",
            assertThrows(IllegalArgumentException.class, () -> FaultConfig.none().withSectorSize(513)).getMessage());
        assertEquals("sectorSize: 131072 (expected: a power of two in [1, 65536])",
            assertThrows(IllegalArgumentException.class, () -> FaultConfig.none().withSectorSize(131_072)).getMessage());
        assertEquals(4096, FaultConfig.none().withSectorSize(4096).sectorSize());
        assertEquals("kind", assertThrows(NullPointerException.class, () -> FaultConfig.none().with(null, 0.5)).getMessage());
    }

    @Test
    void withSetsExactlyOneRate() {
        for (FaultKind k : FaultKind.values()) {
            FaultConfig c = FaultConfig.none().with(k, 0.25);
            for (FaultKind other : FaultKind.values()) {
                assertEquals(other == k ? 0.25 : 0.0, c.rate(other), k + " -> " + other);
            }
            assertFalse(c.isNone());
        }
    }

    @Test
    void presets() {
        assertTrue(FaultConfig.none().isNone());
        assertEquals(512, FaultConfig.none().sectorSize());
        FaultConfig fast = FaultConfig.fast();
        for (FaultKind k : FaultKind.values()) {
            if (k != FaultKind.LATENCY_SPIKE) {
                assertEquals(0.0, fast.rate(k), "fast injects no failures: " + k);
            }
            assertTrue(FaultConfig.ragnarok().rate(k) >= FaultConfig.chaos().rate(k), "ragnarok >= chaos: " + k);
            assertTrue(FaultConfig.chaos().rate(k) > 0, "chaos has every fault: " + k);
        }
        FaultConfig rh = FaultConfig.recoveryHeavy();
        assertEquals(0.0, rh.ioErrorRead());
        assertEquals(0.0, rh.bitFlip());
        assertTrue(rh.tornWrite() > FaultConfig.chaos().tornWrite());
        assertTrue(rh.syncFailure() > FaultConfig.chaos().syncFailure());
    }
}
