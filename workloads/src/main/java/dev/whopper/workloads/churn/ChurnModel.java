package dev.whopper.workloads.churn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the tree should hold: the contents every acknowledged commit made, in commit order (a sorted map of
 * key to value), and the writes of commits whose outcome is unknown (a crash or an I/O error cut them off during
 * the commit), which a recovery may or may not show.
 *
 * <p>Commits are acknowledged in the order they are published: the workload runs without auto-checkpoint, so a
 * commit's publish and its acknowledgement happen in the same scheduler step, and every reader's snapshot is
 * exactly the acknowledged contents at the step it was taken.
 */
final class ChurnModel {
    /** Keys in the key space. */
    final int keys;
    private final String[] keyNames;
    /** Acknowledged contents. */
    private final TreeMap<String, String> acked = new TreeMap<>();
    /**
     * Where the WAL frames of the last recovery that matched the model end (-1: no recovery yet): a key written before
     * it lives in those frames (or in the database file), so a bit flipped below it explains the key's loss.
     */
    private long baseWalEnd = -1;
    /** Per key, values written by commits of unknown outcome since its last acknowledged write (null: a delete). */
    private final TreeMap<String, List<Pending>> pending = new TreeMap<>();
    /** Per key, the acknowledged transaction that wrote (or deleted) it last. */
    private final TreeMap<String, Long> ackedBy = new TreeMap<>();
    /** Per acknowledged transaction, the WAL offset just past its frames (where a bit flip could lose it). */
    private final TreeMap<Long, Long> walEnds = new TreeMap<>();
    /** Acknowledged writes a flipped bit in the WAL cut off (counted, not a violation). */
    long writesLostToBitRot;
    /** Transaction ids, from 1: every value names its transaction. */
    private long nextTxn = 1;

    /** A write of a commit of unknown outcome. */
    record Pending(long txn, String value) { }

    ChurnModel(int keys) {
        this.keys = keys;
        this.keyNames = new String[keys];
        for (int i = 0; i < keys; i++) {
            keyNames[i] = String.format("k/%05d", i);
        }
    }

    /** @return the name of key {@code i}: {@code k/00042} */
    String key(int i) {
        return keyNames[i];
    }

    /** @return a fresh transaction id */
    long nextTxn() {
        return nextTxn++;
    }

    /**
     * @return the value transaction {@code txn} writes at {@code key}, {@code length} bytes at least: it names both,
     *         so a value read back at the wrong key or from the wrong transaction is seen
     */
    static String value(long txn, String key, int length) {
        StringBuilder sb = new StringBuilder().append('t').append(txn).append('@').append(key).append(':');
        while (sb.length() < length) {
            sb.append((char) ('a' + (sb.length() * 7 + txn) % 26));
        }
        return sb.toString();
    }

    /** @return the acknowledged contents of {@code [from, to)}, a copy */
    TreeMap<String, String> ackedRange(String from, String to) {
        return new TreeMap<>(acked.subMap(from, true, to, false));
    }

    /** @return how many keys the acknowledged contents hold */
    int size() {
        return acked.size();
    }

    /** A commit of these writes (null value: delete) started: until it is acknowledged its outcome is unknown. */
    void attempted(long txn, Map<String, String> writes) {
        for (Map.Entry<String, String> e : writes.entrySet()) {
            pending.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Pending(txn, e.getValue()));
        }
    }

    /**
     * The commit of these writes was acknowledged: they are the contents now.
     *
     * @param walEnd the WAL offset just past the commit's frames ({@code Database.walEndOfLastCommit})
     */
    void acknowledged(long txn, Map<String, String> writes, long walEnd) {
        walEnds.put(txn, walEnd);
        for (Map.Entry<String, String> e : writes.entrySet()) {
            ackedBy.put(e.getKey(), txn);
            if (e.getValue() == null) {
                acked.remove(e.getKey());
            } else {
                acked.put(e.getKey(), e.getValue());
            }
            List<Pending> p = pending.get(e.getKey());
            if (p != null) {
                p.removeIf(w -> w.txn() <= txn);
                if (p.isEmpty()) {
                    pending.remove(e.getKey());
                }
            }
        }
    }

    /**
     * Compares what a recovery shows with the model: every key holds its acknowledged value, or a value (or the
     * absence) a commit of unknown outcome wrote after it; and a commit of unknown outcome shows at all of its keys
     * or at none (each of its keys holds its value or a later unknown commit's).
     *
     * <p>A key that lost its acknowledged write is excused when {@code lostToBitRot} says a flipped bit in the WAL
     * explains the loss of the transaction that wrote it (recovery cuts the WAL at the first bad frame).
     *
     * @param recovered    everything the database holds
     * @param lostToBitRot given the WAL end of a lost transaction's frames (-1: unknown), whether a bit flip there
     *                     or before explains its loss
     * @return the problems, at most 5, empty when it matches
     */
    List<String> compareRecovered(NavigableMap<String, String> recovered, java.util.function.LongPredicate lostToBitRot) {
        List<String> problems = new ArrayList<>();
        java.util.TreeSet<Long> seen = new java.util.TreeSet<>();
        for (String k : union(recovered)) {
            String got = recovered.get(k);
            String want = acked.get(k);
            if (java.util.Objects.equals(got, want)) {
                continue;
            }
            List<Pending> p = pending.getOrDefault(k, List.of());
            boolean explained = false;
            for (Pending w : p) {
                if (java.util.Objects.equals(w.value(), got)) {
                    explained = true;
                    if (got != null) {
                        seen.add(w.txn());
                    }
                }
            }
            Long by = ackedBy.get(k);
            long end = by != null ? walEnds.getOrDefault(by, -1L) : baseWalEnd;
            if (!explained && (by != null || baseWalEnd >= 0) && lostToBitRot.test(end)) {
                explained = true;
                writesLostToBitRot++;
            }
            if (!explained && problems.size() < 5) {
                problems.add(k + " holds " + show(got) + ", expected " + show(want)
                    + (p.isEmpty() ? "" : " or one of " + p.size() + " unacknowledged write(s)"));
            }
        }
        for (Map.Entry<String, List<Pending>> e : pending.entrySet()) {
            for (Pending w : e.getValue()) {
                if (seen.contains(w.txn()) && !laterOrSame(e.getKey(), w.txn(), recovered.get(e.getKey()))
                    && problems.size() < 5) {
                    problems.add("transaction " + w.txn() + " shows only in part: " + e.getKey() + " holds "
                        + show(recovered.get(e.getKey())) + ", not its write " + show(w.value()));
                }
            }
        }
        return problems;
    }

    private boolean laterOrSame(String key, long txn, String got) {
        for (Pending w : pending.getOrDefault(key, List.of())) {
            if (w.txn() >= txn && java.util.Objects.equals(w.value(), got)) {
                return true;
            }
        }
        return false;
    }

    private List<String> union(NavigableMap<String, String> recovered) {
        TreeMap<String, Boolean> all = new TreeMap<>();
        for (String k : acked.keySet()) {
            all.put(k, Boolean.TRUE);
        }
        for (String k : recovered.keySet()) {
            all.put(k, Boolean.TRUE);
        }
        for (String k : pending.keySet()) {
            all.put(k, Boolean.TRUE);
        }
        return new ArrayList<>(all.keySet());
    }

    /**
     * A recovery matched the model: what it shows is the contents from now on; nothing is unknown any more.
     *
     * @param walEnd where the WAL frames the recovery kept end (0: none, everything is in the database file): a bit
     *               flipped below it later can cut off what the recovery showed, and explains its loss
     */
    void recovered(NavigableMap<String, String> recovered, long walEnd) {
        baseWalEnd = walEnd;
        acked.clear();
        acked.putAll(recovered);
        pending.clear();
        ackedBy.clear();
        walEnds.clear();
    }

    static String show(String v) {
        if (v == null) {
            return "nothing";
        }
        return v.length() <= 24 ? "'" + v + "'" : "'" + v.substring(0, 24) + "...'";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.US_ASCII);
    }
}
