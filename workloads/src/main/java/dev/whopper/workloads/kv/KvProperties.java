package dev.whopper.workloads.kv;

import dev.whopper.workloads.property.Blamed;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kv-model workload's properties, checked by its operations at the moment they observe the store (a read, a
 * commit, an open), through the check methods here.
 */
public final class KvProperties {
    /** Property: every read and scan equals the model at the reader's snapshot (with its own writes). */
    public static final String MODEL = "kv-model";
    /** Property: a key read twice in one transaction (not written by it between) gives the same value. */
    public static final String REPEATABLE_READ = "kv-repeatable-read";
    /** Property: a committed transaction's reads are those of the state it committed on (serializable in commit order). */
    public static final String SERIALIZABLE = "kv-serializable";
    /** Property: after every open, every acknowledged commit is there. */
    public static final String DURABILITY = "kv-durability";
    /** Property: after every open, the store is exactly the state after some prefix of the commit order. */
    public static final String ALL_OR_NOTHING = "kv-all-or-nothing";

    /** A property known by name only: its checks are the methods of {@link KvProperties}. */
    private record Named(String name) implements Property { }

    final Property model = new Named(MODEL);
    final Property repeatable = new Named(REPEATABLE_READ);
    final Property serializable = new Named(SERIALIZABLE);
    final Property durability = new Named(DURABILITY);
    final Property allOrNothing = new Named(ALL_OR_NOTHING);
    /** Acknowledged commits a flipped WAL bit cut off (counted, not a violation). */
    long commitsLostToBitRot;

    /** @return every property, in the order they are listed */
    List<Property> all() {
        return List.of(model, repeatable, serializable, durability, allOrNothing);
    }

    /** @return their names */
    static List<String> names() {
        return List.of(MODEL, REPEATABLE_READ, SERIALIZABLE, DURABILITY, ALL_OR_NOTHING);
    }

    /**
     * A get returned {@code observed}: checks it and records it in the transaction.
     *
     * @throws PropertyViolation ({@value #REPEATABLE_READ} or {@value #MODEL}) when it is wrong
     */
    public void checkGet(KvModel m, KvTxn t, String key, long observed, String who) {
        Long before = t.seen.get(key);
        if (before != null && before != observed) {
            throw new PropertyViolation(repeatable.violation(who + " (" + t + ") read " + key + " twice: first "
                + m.describe(before) + ", then " + m.describe(observed)));
        }
        long expected = expected(m, t, key);
        if (expected != observed) {
            throw new PropertyViolation(model.violation(who + " (" + t + ") get " + key + " returned " + m.describe(observed)
                + ", but the model at its snapshot v" + t.snapshot + (t.writes.containsKey(key) ? " with its own write" : "")
                + " has " + m.describe(expected)).blaming(blameRead(m, t, key, expected, observed, "get")));
        }
        if (!t.writes.containsKey(key)) {
            t.seen.put(key, observed);
            t.reads.add(new KvTxn.Read(key, null, 0, null, null, observed));
        }
    }

    /**
     * A delete said whether the key existed: checks it against the model.
     *
     * @throws PropertyViolation ({@value #MODEL}) when it is wrong
     */
    public void checkDelete(KvModel m, KvTxn t, String key, boolean existed, String who) {
        long expected = expected(m, t, key);
        if (existed != (expected != KvModel.ABSENT)) {
            throw new PropertyViolation(model.violation(who + " (" + t + ") delete " + key + " found it "
                + (existed ? "present" : "absent") + ", but the model at v" + t.snapshot + " has " + m.describe(expected)));
        }
    }

    /**
     * A scan returned {@code observed}: checks it and records it in the transaction.
     *
     * @throws PropertyViolation ({@value #REPEATABLE_READ} or {@value #MODEL}) when it is wrong
     */
    public void checkScan(KvModel m, KvTxn t, String from, String to, int limit, List<Map.Entry<String, Long>> observed,
                          String who) {
        String what = "scan [" + (from == null ? "" : from) + ", " + (to == null ? "" : to) + ") limit " + limit;
        TreeMap<String, Long> got = covered(from, to, limit, observed);
        for (Map.Entry<String, Long> e : got.entrySet()) {
            Long before = t.seen.get(e.getKey());
            if (before != null && before.longValue() != e.getValue()) {
                throw new PropertyViolation(repeatable.violation(who + " (" + t + ") read " + e.getKey() + " twice: first "
                    + m.describe(before) + ", then " + m.describe(e.getValue()) + " (by " + what + ")"));
            }
        }
        List<Map.Entry<String, Long>> expected = m.scan(from, to, limit, t.snapshot, t.writes);
        if (!expected.equals(observed)) {
            throw new PropertyViolation(model.violation(who + " (" + t + ") " + what + " returned " + show(m, observed)
                + ", but the model at its snapshot v" + t.snapshot + " gives " + show(m, expected))
                .blaming(blameScan(m, t, got, what)));
        }
        for (Map.Entry<String, Long> e : got.entrySet()) {
            if (!t.writes.containsKey(e.getKey())) {
                t.seen.put(e.getKey(), e.getValue());
            }
        }
        t.reads.add(new KvTxn.Read(from, to, limit, new TreeMap<>(t.writes), List.copyOf(observed), 0));
    }

    /**
     * The transaction was published as version {@code v}: its reads must be those of version {@code v - 1}, the
     * state it committed on.
     *
     * @throws PropertyViolation ({@value #SERIALIZABLE}) when one is not
     */
    public void checkCommitted(KvModel m, KvTxn t, int v) {
        int base = v - 1;
        for (KvTxn.Read r : t.reads) {
            if (r.isGet()) {
                long now = m.valueAt(r.from(), base);
                if (now != r.observedValue()) {
                    throw new PropertyViolation(serializable.violation(t + " committed as v" + v + " on v" + base
                        + ", but it read " + r.from() + " = " + m.describe(r.observedValue()) + " (at its snapshot v"
                        + t.snapshot + ") and v" + base + " has " + m.describe(now)));
                }
            } else {
                List<Map.Entry<String, Long>> now = m.scan(r.from(), r.to(), r.limit(), base, r.overlay());
                if (!now.equals(r.observed())) {
                    throw new PropertyViolation(serializable.violation(t + " committed as v" + v + " on v" + base
                        + ", but its scan [" + r.from() + ", " + r.to() + ") returned " + show(m, r.observed())
                        + " (at its snapshot v" + t.snapshot + ") and v" + base + " gives " + show(m, now)));
                }
            }
        }
    }

    /**
     * Checks what an open shows against the commit order and returns the version it is.
     *
     * @param m          the model
     * @param observed   the whole store, as the open's scan read it
     * @param candidates writes of transactions whose commit outcome is unknown (they may follow the newest version)
     * @param excuse     whether a flipped WAL bit explains the loss of version {@code v} (and every one after it)
     * @param when       which open, for messages
     * @return the version it shows ({@code version() + 1 + i} for candidate {@code i})
     * @throws PropertyViolation ({@value #ALL_OR_NOTHING} or {@value #DURABILITY}) when it is no prefix, or lost
     *                           an acknowledged commit that no bit flip explains
     */
    public int checkRecovered(KvModel m, TreeMap<String, Long> observed, List<TreeMap<String, Long>> candidates,
                              java.util.function.IntPredicate excuse, String when) {
        int hi = m.version();
        TreeMap<String, Long> newest = m.stateAt(hi);
        for (int i = 0; i < candidates.size(); i++) {
            TreeMap<String, Long> s = new TreeMap<>(newest);
            for (Map.Entry<String, Long> e : candidates.get(i).entrySet()) {
                if (e.getValue() == KvModel.ABSENT) {
                    s.remove(e.getKey());
                } else {
                    s.put(e.getKey(), e.getValue());
                }
            }
            if (s.equals(observed)) {
                return hi + 1 + i;
            }
        }
        int closest = hi;
        int closestDiff = Integer.MAX_VALUE;
        for (int v = hi; v >= 0; v--) {
            TreeMap<String, Long> s = v == hi ? newest : m.stateAt(v);
            int diff = differences(s, observed).size();
            if (diff == 0) {
                int lo = m.acknowledgedVersion();
                if (v < lo && !excuse.test(v + 1)) {
                    throw new PropertyViolation(durability.violation(when + ": the store is v" + v + ", but v" + lo
                        + " was acknowledged: lost v" + (v + 1) + " (" + m.label(v + 1) + ")"
                        + (lo > v + 1 ? " .. v" + lo + " (" + m.label(lo) + ")" : "")));
                }
                return v;
            }
            if (diff < closestDiff) {
                closestDiff = diff;
                closest = v;
            }
        }
        List<String> diffs = differences(closest == hi ? newest : m.stateAt(closest), observed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, diffs.size()); i++) {
            String key = diffs.get(i);
            sb.append(i == 0 ? "" : "; ").append(key).append(" is ").append(m.describe(observed.getOrDefault(key, KvModel.ABSENT)))
                .append(" where v").append(closest).append(" has ").append(m.describe(m.valueAt(key, closest)));
        }
        throw new PropertyViolation(allOrNothing.violation(when + ": the store is no state of the commit order (v0..v" + hi
            + (candidates.isEmpty() ? "" : ", or v" + hi + " with a commit of unknown outcome") + "): closest is v" + closest
            + ", " + diffs.size() + " key(s) differ: " + sb + (diffs.size() > 3 ? "; ..." : "")
            + " (a transaction partly visible, or a write from nowhere)"));
    }

    private static List<String> differences(TreeMap<String, Long> a, TreeMap<String, Long> b) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        for (String k : a.keySet()) {
            keys.put(k, Boolean.TRUE);
        }
        for (String k : b.keySet()) {
            keys.put(k, Boolean.TRUE);
        }
        List<String> out = new ArrayList<>();
        for (String k : keys.keySet()) {
            if (!java.util.Objects.equals(a.get(k), b.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Whom a wrong read is blamed on: the reader, the commit that gave the key the value its snapshot should show
     * (the write it missed), and the commit whose write it saw instead.
     */
    private static List<Blamed> blameRead(KvModel m, KvTxn t, String key, long expected, long observed, String how) {
        List<Blamed> out = new ArrayList<>();
        if (t.fiber >= 0) {
            out.add(new Blamed(t.fiber, t.opIndex, t.startNanos, t.startNanos, "its " + how + " of " + key + " at snapshot v"
                + t.snapshot + " returned " + m.describe(observed) + " instead of " + m.describe(expected)));
        }
        if (!t.writes.containsKey(key) && t.snapshot >= 0 && t.snapshot <= m.version()) {
            int missed = m.versionOf(key, t.snapshot);
            committed(out, m, missed, "committed v" + missed + ", which set " + key + " to " + m.describe(expected)
                + ": the write the " + how + " of " + key + " missed");
        }
        int seen = m.writtenBy(observed);
        if (seen > 0 && (t.snapshot < 0 || t.snapshot > m.version() || seen != m.versionOf(key, t.snapshot))) {
            committed(out, m, seen, "committed v" + seen + ", whose write of " + key + " the " + how + " at snapshot v"
                + t.snapshot + " saw");
        }
        return out;
    }

    private static List<Blamed> blameScan(KvModel m, KvTxn t, TreeMap<String, Long> got, String what) {
        for (Map.Entry<String, Long> e : got.entrySet()) {
            long expected = expected(m, t, e.getKey());
            if (expected != e.getValue()) {
                return blameRead(m, t, e.getKey(), expected, e.getValue(), what);
            }
        }
        return t.fiber >= 0 ? List.of(new Blamed(t.fiber, t.opIndex, t.startNanos, t.startNanos, "its " + what
            + " at snapshot v" + t.snapshot + " differs from the model")) : List.of();
    }

    private static void committed(List<Blamed> out, KvModel m, int v, String why) {
        KvModel.Committer c = m.committer(v);
        if (c != null) {
            out.add(new Blamed(c.fiber(), c.opIndex(), c.fromNanos(), c.toNanos(), why));
        }
    }

    private static long expected(KvModel m, KvTxn t, String key) {
        Long own = t.writes.get(key);
        return own != null ? own : m.valueAt(key, t.snapshot);
    }

    /**
     * @return the keys a scan's result speaks for: every key it returned, and every absent key in the part of the
     *         range it covered (the whole range when it returned fewer than {@code limit}, else up to its last key)
     *         is absent ({@link KvModel#ABSENT})
     */
    private static TreeMap<String, Long> covered(String from, String to, int limit, List<Map.Entry<String, Long>> observed) {
        TreeMap<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : observed) {
            out.put(e.getKey(), e.getValue());
        }
        String end = observed.size() < limit ? to : observed.get(observed.size() - 1).getKey() + "\0";
        for (String key : KvKeys.all()) {
            if ((from == null || key.compareTo(from) >= 0) && (end == null || key.compareTo(end) < 0)) {
                out.putIfAbsent(key, KvModel.ABSENT);
            }
        }
        return out;
    }

    private static String show(KvModel m, List<Map.Entry<String, Long>> entries) {
        StringBuilder sb = new StringBuilder("[");
        for (Map.Entry<String, Long> e : entries) {
            sb.append(sb.length() == 1 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue() == KvModel.ABSENT ? "absent" : "#" + e.getValue());
        }
        return sb.append(']').toString();
    }
}
