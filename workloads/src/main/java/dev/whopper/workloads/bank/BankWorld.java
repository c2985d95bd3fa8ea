package dev.whopper.workloads.bank;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DatabaseOptions;
import dev.whopper.core.io.IO;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.Signal;

/**
 * The shared state of the {@code bank} workload: the simulated disk, the one {@link Database} every
 * fiber's {@link Connection} shares, and what the workload knows about acknowledged commits so that it
 * can check durability after a crash.
 *
 * <p>Opening (and recovery) is done by one fiber at a time, the opener; the others wait on
 * {@link #opened}. A crash drops the database ({@link #crashed()}); the next operation reopens it.
 */
final class BankWorld {
    /** Database file name on the simulated disk. */
    static final String PATH = "bank.db";

    final IO io;
    /** What the run's disk injected: a CORRUPT error is expected only after a bit flip. */
    private final FaultOracle faults;
    final DatabaseOptions options;
    final int fibers;
    final int accounts;
    final long initialBalance;
    final BankWorkload.Variant variant;

    /** The open database, or {@code null} when it must be (re)opened. */
    Database db;
    /** True while a fiber is opening the database. */
    boolean opening;
    /** Told when an open attempt ends (successfully or not). */
    final Signal opened = new Signal();
    /** Incremented at each crash; a connection from an older epoch is stale. */
    long epoch;
    final Connection[] connections;
    private final byte[][] accountKeys;
    private final byte[][] seqKeys;
    final long[] connectionEpoch;

    /** Highest commit sequence number per fiber whose commit was acknowledged. */
    final long[] ackedSeq;
    /** Highest commit sequence number per fiber whose commit was attempted (outcome may be unknown). */
    final long[] attemptedSeq;
    /** Operations left per fiber (survives crashes, which recreate the fibers' programs). */
    final int[] opsLeft;
    /** Fibers whose operations are all handed out. */
    final boolean[] finished;
    /** True once the final verification passed; true while it runs is {@link #finalRunning}. */
    boolean finalVerified;
    boolean finalRunning;
    /** True when faults made the final verification fail on every attempt. */
    boolean finalGaveUp;

    long commits;
    long audits;
    long busy;
    long ioErrors;
    long corrupt;
    long readOnly;
    long recoveries;
    long crashes;
    long commitsLostToBitRot;

    /**
     * @return true when a CORRUPT error is an expected outcome: the simulated disk flipped a stored bit
     *         in this run (torn writes and crashes never justify one: the WAL protects against them)
     */
    boolean corruptionExpected() {
        return bitFlipsInjected();
    }

    /** @return true when the simulated disk has flipped a stored bit in this run */
    boolean bitFlipsInjected() {
        return faults.bitFlipsInjected();
    }

    BankWorld(IO io, FaultOracle faults, DatabaseOptions options, int fibers, int accounts, long initialBalance,
              int opsPerFiber, BankWorkload.Variant variant) {
        this.io = io;
        this.faults = faults;
        this.options = options;
        this.fibers = fibers;
        this.accounts = accounts;
        this.initialBalance = initialBalance;
        this.variant = variant;
        this.connections = new Connection[fibers];
        this.accountKeys = keys("acct/", accounts);
        this.seqKeys = keys("seq/", fibers);
        this.connectionEpoch = new long[fibers];
        this.ackedSeq = new long[fibers];
        this.attemptedSeq = new long[fibers];
        this.opsLeft = new int[fibers];
        java.util.Arrays.fill(opsLeft, opsPerFiber);
        this.finished = new boolean[fibers];
    }

    /** Power loss: the database object and every connection are gone; operations in flight are abandoned. */
    void crashed() {
        crashes++;
        epoch++;
        db = null;
        opening = false;
        java.util.Arrays.fill(connections, null);
        finalRunning = false;
        // Fibers waiting for an open that was abandoned must look again.
        opened.signalAll();
    }

    /**
     * @return true when the final verification passed, or could not run: the step budget ended the run
     *         before every fiber finished, or faults failed every attempt
     */
    boolean finalCheckHeld() {
        for (boolean f : finished) {
            if (!f) {
                return true;
            }
        }
        return finalVerified || finalGaveUp;
    }

    /** @return the total money in the bank, which every committed state must hold */
    long total() {
        return accounts * initialBalance;
    }

    /** @return the key of an account, {@code acct/NNNN} (shared, never modified) */
    byte[] accountKey(int account) {
        return accountKeys[account];
    }

    /** @return the key of a fiber's commit sequence number, {@code seq/NNNN} (shared, never modified) */
    byte[] seqKey(int fiber) {
        return seqKeys[fiber];
    }

    private static byte[][] keys(String prefix, int count) {
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = String.format("%s%04d", prefix, i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return out;
    }

    static byte[] encode(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    static long decode(byte[] b, long absent) {
        if (b == null) {
            return absent;
        }
        if (b.length != 8) {
            throw new IllegalStateException("bank value of " + b.length + " bytes (expected: 8)");
        }
        return java.nio.ByteBuffer.wrap(b).getLong();
    }
}
