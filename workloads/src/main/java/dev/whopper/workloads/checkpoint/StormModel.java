package dev.whopper.workloads.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the storm's keys should hold. Every write transaction writes its own id (drawn once it holds the WRITER
 * lock, so ids grow in commit order) to 1..3 of the keys. Per key: the highest acknowledged id, and every id
 * whose commit was attempted there; per transaction: its keys. A state (a reader's snapshot, a recovery) is
 * consistent when every key holds an id attempted there (or nothing), no older than its acknowledged id when the
 * state was taken (for a recovery: unless a WAL bit flip explains the loss), no newer than the ids drawn by then,
 * and every transaction it shows shows at all of its keys (each holds that id or a newer one).
 */
final class StormModel {
    final int keys;
    private final byte[][] keyBytes;
    /** Per key, the highest acknowledged transaction id (0: none). */
    final long[] acked;
    private final List<TreeSet<Long>> attempted = new ArrayList<>();
    private final TreeMap<Long, int[]> txnKeys = new TreeMap<>();
    private final TreeMap<Long, Long> walEnds = new TreeMap<>();
    private long lastTxn;
    /** Acknowledged writes a flipped bit in the WAL cut off (counted, not a violation). */
    long writesLostToBitRot;

    StormModel(int keys) {
        this.keys = keys;
        this.keyBytes = new byte[keys][];
        this.acked = new long[keys];
        for (int i = 0; i < keys; i++) {
            keyBytes[i] = String.format("c/%03d", i).getBytes(StandardCharsets.US_ASCII);
            attempted.add(new TreeSet<>());
        }
    }

    byte[] key(int i) {
        return keyBytes[i];
    }

    /** @return the key index of a stored key, or -1 */
    int index(byte[] key) {
        String s = new String(key, StandardCharsets.US_ASCII);
        if (!s.startsWith("c/") || s.length() != 5) {
            return -1;
        }
        int i = Integer.parseInt(s.substring(2));
        return i < keys ? i : -1;
    }

    long nextTxn() {
        return ++lastTxn;
    }

    /** @return the highest id drawn so far: no state may show a newer one */
    long lastTxn() {
        return lastTxn;
    }

    /** The commit of {@code txn} writing {@code ks} started: from here its outcome may be unknown. */
    void attempted(long txn, int[] ks) {
        txnKeys.put(txn, ks.clone());
        for (int k : ks) {
            attempted.get(k).add(txn);
        }
    }

    /** The commit of {@code txn} was acknowledged; its frames end at {@code walEnd} in the WAL. */
    void acknowledged(long txn, long walEnd) {
        walEnds.put(txn, walEnd);
        for (int k : txnKeys.get(txn)) {
            acked[k] = Math.max(acked[k], txn);
        }
    }

    /** @return the value {@code txn} writes: its id and 52 bytes of padding (enough for several pages of keys) */
    static byte[] value(long txn) {
        byte[] v = new byte[60];
        Arrays.fill(v, (byte) 'p');
        ByteBuffer.wrap(v).putLong(txn);
        return v;
    }

    /** @return the id a stored value names, or -1 when it is no value of this workload */
    static long txnOf(byte[] v) {
        if (v == null) {
            return 0;
        }
        return v.length == 60 ? ByteBuffer.wrap(v).getLong() : -1;
    }

    /**
     * @param state        per key the id it holds (0: nothing)
     * @param ackedThen    per key the acknowledged id when the state was taken
     * @param newestThen   the newest id drawn when the state was taken
     * @param lostToBitRot for a recovery: whether a WAL bit flip explains the loss of an acknowledged transaction
     *                     whose frames ended there (-1: unknown); null for a reader's snapshot
     * @return the first problem, or null when consistent
     */
    String check(long[] state, long[] ackedThen, long newestThen, java.util.function.LongPredicate lostToBitRot) {
        for (int k = 0; k < keys; k++) {
            long v = state[k];
            if (v < 0 || v != 0 && !attempted.get(k).contains(v)) {
                return name(k) + " holds " + v + ", which no transaction wrote there";
            }
            if (v > newestThen) {
                return name(k) + " holds transaction " + v + ", drawn after the state was taken (newest then: " + newestThen + ")";
            }
            if (v < ackedThen[k]) {
                if (lostToBitRot != null && lostToBitRot.test(walEnds.getOrDefault(ackedThen[k], -1L))) {
                    writesLostToBitRot++;
                    continue;
                }
                return name(k) + " holds transaction " + v + ", older than transaction " + ackedThen[k]
                    + ", acknowledged " + (lostToBitRot == null ? "before the snapshot was taken" : "before the crash");
            }
        }
        for (int k = 0; k < keys; k++) {
            long v = state[k];
            if (v > 0) {
                for (int other : txnKeys.get(v)) {
                    if (state[other] < v) {
                        return "transaction " + v + " shows at " + name(k) + " but not at " + name(other) + " (which holds "
                            + state[other] + ")";
                    }
                }
            }
        }
        return null;
    }

    /** A recovery matched: what it shows is acknowledged from now on (commits of unknown outcome that survived). */
    void recovered(long[] state) {
        System.arraycopy(state, 0, acked, 0, keys);
    }

    String name(int k) {
        return String.format("c/%03d", k);
    }
}
