package dev.whopper.sim.io;

import java.util.Objects;

/**
 * Fault rates of a {@link SimIO}. Each rate is the probability, in {@code [0, 1]}, that one eligible
 * request gets that fault (see {@link FaultKind} for what each does and docs/sim-io.md for the order in
 * which they are checked). Decisions are drawn from the SimIO's fault stream; a rate of 0 draws nothing.
 *
 * @param ioErrorRead       chance a read fails with IO_ERROR
 * @param ioErrorWrite      chance a write fails with IO_ERROR, writing nothing
 * @param ioErrorSync       chance a sync fails with IO_ERROR, persisting nothing (retry possible)
 * @param ioErrorTruncate   chance a truncation fails with IO_ERROR
 * @param shortRead         chance a full read returns only a prefix (SHORT_READ)
 * @param tornWrite         chance a write fails with IO_ERROR after a sector-aligned proper prefix reached the file
 * @param bitFlip           chance a successful write stores one flipped bit
 * @param latencySpike      chance a read, write, sync or truncation takes {@code latencySpikeNanos} longer
 * @param latencySpikeNanos extra latency of a spike, in {@code [0, LatencyProfile.MAX_LATENCY_NANOS]}
 * @param syncFailure       chance a sync fails with SYNC_FAILED and forgets the writes it should have persisted
 * @param sectorSize        sector size in bytes (granularity of torn writes and crash tearing), a power of two in [1, 65536]
 */
public record FaultConfig(
    double ioErrorRead,
    double ioErrorWrite,
    double ioErrorSync,
    double ioErrorTruncate,
    double shortRead,
    double tornWrite,
    double bitFlip,
    double latencySpike,
    long latencySpikeNanos,
    double syncFailure,
    int sectorSize) {

    /** The default sector size. */
    public static final int DEFAULT_SECTOR_SIZE = 512;

    public FaultConfig {
        checkRate("ioErrorRead", ioErrorRead);
        checkRate("ioErrorWrite", ioErrorWrite);
        checkRate("ioErrorSync", ioErrorSync);
        checkRate("ioErrorTruncate", ioErrorTruncate);
        checkRate("shortRead", shortRead);
        checkRate("tornWrite", tornWrite);
        checkRate("bitFlip", bitFlip);
        checkRate("latencySpike", latencySpike);
        if (latencySpikeNanos < 0 || latencySpikeNanos > LatencyProfile.MAX_LATENCY_NANOS) {
            throw new IllegalArgumentException("latencySpikeNanos: " + latencySpikeNanos
                + " (expected: in [0, " + LatencyProfile.MAX_LATENCY_NANOS + "])");
        }
        checkRate("syncFailure", syncFailure);
        if (sectorSize < 1 || sectorSize > 65_536 || Integer.bitCount(sectorSize) != 1) {
            throw new IllegalArgumentException("sectorSize: " + sectorSize + " (expected: a power of two in [1, 65536])");
        }
    }

    /** @return no faults, 512-byte sectors */
    public static FaultConfig none() {
        return new FaultConfig(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, DEFAULT_SECTOR_SIZE);
    }

    /** @return mode "fast": no failures at all, only rare 1 ms latency spikes (0.1%) to vary timing */
    public static FaultConfig fast() {
        return none().with(FaultKind.LATENCY_SPIKE, 0.001).withLatencySpikeNanos(1_000_000L);
    }

    /**
     * Mode "chaos": every fault at a low rate: I/O errors 0.5% per kind, short reads and torn writes
     * 0.2%, bit flips 0.05%, sync failures 0.2%, latency spikes 1% of +5 ms.
     *
     * @return the configuration
     */
    public static FaultConfig chaos() {
        return new FaultConfig(0.005, 0.005, 0.005, 0.005, 0.002, 0.002, 0.0005, 0.01, 5_000_000L, 0.002,
            DEFAULT_SECTOR_SIZE);
    }

    /**
     * Mode "ragnarok": ten times chaos: I/O errors 5% per kind, short reads and torn writes 2%, bit flips
     * 0.5%, sync failures 2%, latency spikes 5% of +20 ms.
     *
     * @return the configuration
     */
    public static FaultConfig ragnarok() {
        return new FaultConfig(0.05, 0.05, 0.05, 0.05, 0.02, 0.02, 0.005, 0.05, 20_000_000L, 0.02,
            DEFAULT_SECTOR_SIZE);
    }

    /**
     * Mode "recovery-heavy": faults on the write path that force the engine into its recovery code
     * (torn writes 1%, write and sync I/O errors 0.5%, sync failures 1%), reads stay clean and there are
     * no bit flips, so failures come from recovery logic rather than from detected corruption; crashes
     * are the scheduler's to schedule.
     *
     * @return the configuration
     */
    public static FaultConfig recoveryHeavy() {
        return new FaultConfig(0, 0.005, 0.005, 0.005, 0, 0.01, 0, 0.01, 2_000_000L, 0.01, DEFAULT_SECTOR_SIZE);
    }

    /**
     * @param kind a fault kind
     * @return its rate
     */
    public double rate(FaultKind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case IO_ERROR_READ -> ioErrorRead;
            case IO_ERROR_WRITE -> ioErrorWrite;
            case IO_ERROR_SYNC -> ioErrorSync;
            case IO_ERROR_TRUNCATE -> ioErrorTruncate;
            case SHORT_READ -> shortRead;
            case TORN_WRITE -> tornWrite;
            case BIT_FLIP -> bitFlip;
            case LATENCY_SPIKE -> latencySpike;
            case SYNC_FAILURE -> syncFailure;
        };
    }

    /**
     * @param kind a fault kind
     * @param rate its new rate, in {@code [0, 1]}
     * @return a copy with that rate
     */
    public FaultConfig with(FaultKind kind, double rate) {
        Objects.requireNonNull(kind, "kind");
        return new FaultConfig(
            kind == FaultKind.IO_ERROR_READ ? rate : ioErrorRead,
            kind == FaultKind.IO_ERROR_WRITE ? rate : ioErrorWrite,
            kind == FaultKind.IO_ERROR_SYNC ? rate : ioErrorSync,
            kind == FaultKind.IO_ERROR_TRUNCATE ? rate : ioErrorTruncate,
            kind == FaultKind.SHORT_READ ? rate : shortRead,
            kind == FaultKind.TORN_WRITE ? rate : tornWrite,
            kind == FaultKind.BIT_FLIP ? rate : bitFlip,
            kind == FaultKind.LATENCY_SPIKE ? rate : latencySpike,
            latencySpikeNanos,
            kind == FaultKind.SYNC_FAILURE ? rate : syncFailure,
            sectorSize);
    }

    /**
     * @param nanos extra latency of a spike
     * @return a copy with that spike size
     */
    public FaultConfig withLatencySpikeNanos(long nanos) {
        return new FaultConfig(ioErrorRead, ioErrorWrite, ioErrorSync, ioErrorTruncate, shortRead, tornWrite, bitFlip,
            latencySpike, nanos, syncFailure, sectorSize);
    }

    /**
     * @param bytes sector size
     * @return a copy with that sector size
     */
    public FaultConfig withSectorSize(int bytes) {
        return new FaultConfig(ioErrorRead, ioErrorWrite, ioErrorSync, ioErrorTruncate, shortRead, tornWrite, bitFlip,
            latencySpike, latencySpikeNanos, syncFailure, bytes);
    }

    /** @return true when every rate is 0 */
    public boolean isNone() {
        for (FaultKind k : FaultKind.values()) {
            if (rate(k) != 0) {
                return false;
            }
        }
        return true;
    }

    static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + ": " + rate + " (expected: in [0, 1])");
        }
    }
}
