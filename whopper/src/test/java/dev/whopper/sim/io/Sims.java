package dev.whopper.sim.io;

import dev.whopper.core.random.SplitMix64;
import dev.whopper.sim.VirtualClock;

/** Builds SimIOs for tests: three SplitMix64 streams split from one seed. */
final class Sims {
    private Sims() { }

    static SimIO create(long seed, LatencyProfile latency, FaultConfig faults) {
        SplitMix64 root = new SplitMix64(seed);
        return new SimIO(new VirtualClock(), new SplitMix64(root.nextLong()), new SplitMix64(root.nextLong()),
            new SplitMix64(root.nextLong()), latency, faults);
    }

    static SimIO create(long seed) {
        return create(seed, new LatencyProfile.Uniform(1_000, 100_000), FaultConfig.none());
    }

    /** Fires everything, advancing the clock, with a bound. */
    static int drain(SimIO io) {
        int total = 0;
        for (int i = 0; i < 1_000_000 && !io.idle(); i++) {
            total += io.advanceAndFire();
        }
        if (!io.idle()) {
            throw new AssertionError("SimIO did not drain");
        }
        return total;
    }

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return b;
    }
}
