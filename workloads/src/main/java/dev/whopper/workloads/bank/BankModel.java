package dev.whopper.workloads.bank;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the bank should look like: how many accounts, what they must add up to, and per fiber the highest
 * commit sequence number that was acknowledged and the highest that was attempted (whose outcome may be
 * unknown). Durability is judged against it after every recovery.
 */
final class BankModel {
    final int fibers;
    final int accounts;
    final long initialBalance;
    /** Highest commit sequence number per fiber whose commit was acknowledged. */
    final long[] ackedSeq;
    /** Highest commit sequence number per fiber whose commit was attempted (outcome may be unknown). */
    final long[] attemptedSeq;
    /** Per fiber, by commit sequence number: the WAL offset just past the commit's frames, + 1 (0: not recorded). */
    private final long[][] ackWalEnd;
    private final byte[][] accountKeys;
    private final byte[][] seqKeys;

    BankModel(int fibers, int accounts, long initialBalance) {
        this.fibers = fibers;
        this.accounts = accounts;
        this.initialBalance = initialBalance;
        this.ackedSeq = new long[fibers];
        this.attemptedSeq = new long[fibers];
        this.ackWalEnd = new long[fibers][8];
        this.accountKeys = keys("acct/", accounts);
        this.seqKeys = keys("seq/", fibers);
    }

    /** @return the total money in the bank, which every committed state must hold */
    long total() {
        return accounts * initialBalance;
    }

    /** @return the sequence number fiber {@code fiber}'s next transfer commits */
    long nextSeq(int fiber) {
        return attemptedSeq[fiber] + 1;
    }

    /** Fiber {@code fiber} wrote transfer {@code seq}: from here its outcome may be unknown. */
    void attempted(int fiber, long seq) {
        attemptedSeq[fiber] = Math.max(attemptedSeq[fiber], seq);
    }

    /** Fiber {@code fiber}'s client was told transfer {@code seq} is done. */
    void acknowledged(int fiber, long seq) {
        ackedSeq[fiber] = Math.max(ackedSeq[fiber], seq);
    }

    /**
     * Notes where an acknowledged commit's frames end in the WAL, so that only a bit flip in those frames or in
     * frames before them (recovery cuts the WAL at the first bad frame) can excuse its loss.
     *
     * @param walEnd the WAL offset just past its frames ({@link Long#MAX_VALUE}: not written yet)
     */
    void acknowledgedAt(int fiber, long seq, long walEnd) {
        int i = (int) seq;
        if (i >= ackWalEnd[fiber].length) {
            ackWalEnd[fiber] = java.util.Arrays.copyOf(ackWalEnd[fiber], Math.max(i + 1, ackWalEnd[fiber].length * 2));
        }
        ackWalEnd[fiber][i] = walEnd == Long.MAX_VALUE ? walEnd : walEnd + 1; // stored + 1: 0 means "not recorded"
    }

    /** @return the WAL end of an acknowledged commit's frames, or -1 when not recorded (acknowledged by a recovery) */
    long acknowledgedWalEnd(int fiber, long seq) {
        int i = (int) seq;
        if (i >= ackWalEnd[fiber].length || ackWalEnd[fiber][i] == 0) {
            return -1;
        }
        long v = ackWalEnd[fiber][i];
        return v == Long.MAX_VALUE ? v : v - 1;
    }

    /**
     * Recovery showed these sequence numbers: commits whose outcome was unknown and that turned out durable
     * count as acknowledged from now on.
     */
    void recovered(long[] recoveredSeq) {
        for (int f = 0; f < fibers; f++) {
            ackedSeq[f] = Math.max(ackedSeq[f], recoveredSeq[f]);
            attemptedSeq[f] = Math.max(attemptedSeq[f], ackedSeq[f]);
        }
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
            out[i] = bytes(String.format("%s%04d", prefix, i));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    static byte[] encode(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long decode(byte[] b, long absent) {
        if (b == null) {
            return absent;
        }
        if (b.length != 8) {
            throw new IllegalStateException("bank value of " + b.length + " bytes (expected: 8)");
        }
        return ByteBuffer.wrap(b).getLong();
    }
}
