package dev.whopper.workloads.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The versioned model of the key-value store: version {@code v} is the state after the first {@code v} commits in
 * commit order (version 0: empty). Every key keeps its history, (version, value) pairs in version order, so the
 * state at any version is at hand for readers whose snapshots stay open across many commits. Values are unique
 * write ids ({@link #ABSENT} for none), so a state names the very writes it consists of.
 *
 * <p>The model also knows which versions must survive a crash: every version up to the highest one acknowledged
 * to its client (or shown by an open) — commits are a prefix, so an acknowledged version needs all before it.
 */
public final class KvModel {
    /** The value of an absent (never written, or deleted) key. */
    public static final long ABSENT = -1;

    /** One key's history. */
    private static final class History {
        int[] versions = new int[4];
        long[] values = new long[4];
        int size;

        long at(int v) {
            int lo = 0;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (versions[mid] <= v) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? ABSENT : values[found];
        }

        void add(int v, long value) {
            if (size == versions.length) {
                versions = Arrays.copyOf(versions, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            versions[size] = v;
            values[size] = value;
            size++;
        }

        void truncate(int v) {
            while (size > 0 && versions[size - 1] > v) {
                size--;
            }
        }
    }

    /** What one committed version was: its writes, who made it, where its frames end in the WAL. */
    private record Version(TreeMap<String, Long> writes, String label, long walEnd) { }

    /**
     * Who committed a version: the fiber, its operation number, and when the transaction began and was published.
     *
     * @param fiber     the fiber
     * @param opIndex   its operation number, or -1
     * @param fromNanos when the transaction began
     * @param toNanos   when it was published
     */
    public record Committer(int fiber, long opIndex, long fromNanos, long toNanos) { }

    /** Per version - 1: who committed it, or null when not known (shown by an open). */
    private final List<Committer> committers = new ArrayList<>();

    /** Key (ASCII, so String order is the engine's unsigned byte order) to history; only walked in key order. */
    private final TreeMap<String, History> keys = new TreeMap<>();
    private final List<Version> versions = new ArrayList<>();
    /** Write id to the version that wrote it; only looked up, never iterated. */
    private final Map<Long, Integer> writtenIn = new HashMap<>();
    private int acknowledged;

    /** @return the newest version (the number of commits the model holds) */
    public int version() {
        return versions.size();
    }

    /** @return the highest version that must survive a crash (acknowledged, or shown by an open) */
    public int acknowledgedVersion() {
        return acknowledged;
    }

    /**
     * @param key a key
     * @param v   a version, {@code 0 .. version()}
     * @return the key's value at that version, or {@link #ABSENT}
     */
    public long valueAt(String key, int v) {
        checkVersion(v);
        History h = keys.get(key);
        return h == null ? ABSENT : h.at(v);
    }

    /**
     * @param v a version
     * @return the present keys and their values at {@code v}, in key order
     */
    public TreeMap<String, Long> stateAt(int v) {
        checkVersion(v);
        TreeMap<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, History> e : keys.entrySet()) {
            long value = e.getValue().at(v);
            if (value != ABSENT) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    /**
     * What a scan returns at version {@code v} for a transaction with pending writes {@code overlay}.
     *
     * @param from    inclusive lower bound, or null
     * @param to      exclusive upper bound, or null
     * @param limit   most entries, &gt; 0
     * @param v       the snapshot version
     * @param overlay the transaction's own writes ({@link #ABSENT}: deleted)
     * @return the entries (key, value) in key order
     */
    public List<Map.Entry<String, Long>> scan(String from, String to, int limit, int v, TreeMap<String, Long> overlay) {
        checkVersion(v);
        TreeMap<String, Long> merged = new TreeMap<>();
        for (Map.Entry<String, History> e : range(keys, from, to).entrySet()) {
            long value = e.getValue().at(v);
            if (value != ABSENT) {
                merged.put(e.getKey(), value);
            }
        }
        for (Map.Entry<String, Long> e : range(overlay, from, to).entrySet()) {
            if (e.getValue() == ABSENT) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), e.getValue());
            }
        }
        List<Map.Entry<String, Long>> out = new ArrayList<>(Math.min(limit, merged.size()));
        for (Map.Entry<String, Long> e : merged.entrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(Map.entry(e.getKey(), e.getValue()));
        }
        return out;
    }

    static <V> java.util.SortedMap<String, V> range(TreeMap<String, V> map, String from, String to) {
        if (from != null && to != null) {
            return from.compareTo(to) >= 0 ? new TreeMap<>() : map.subMap(from, to);
        }
        if (from != null) {
            return map.tailMap(from);
        }
        return to != null ? map.headMap(to) : map;
    }

    /**
     * A commit was published: it becomes the next version.
     *
     * @param writes its writes (copied)
     * @param label  who committed it, for messages
     * @param walEnd where its frames end in the WAL, -1 when not known
     * @return its version
     */
    public int publish(TreeMap<String, Long> writes, String label, long walEnd) {
        Objects.requireNonNull(label, "label");
        int v = versions.size() + 1;
        versions.add(new Version(new TreeMap<>(writes), label, walEnd));
        for (Map.Entry<String, Long> e : writes.entrySet()) {
            keys.computeIfAbsent(e.getKey(), k -> new History()).add(v, e.getValue());
            if (e.getValue() != ABSENT) {
                writtenIn.put(e.getValue(), v);
            }
        }
        return v;
    }

    /**
     * @param v version, 1 .. version()
     * @param c who committed it
     */
    public void committedBy(int v, Committer c) {
        checkVersion(v);
        while (committers.size() < v) {
            committers.add(null);
        }
        committers.set(v - 1, c);
    }

    /** @return who committed version {@code v}, or null when not known */
    public Committer committer(int v) {
        return v < 1 || v > committers.size() ? null : committers.get(v - 1);
    }

    /**
     * @param key a key
     * @param v   a version
     * @return the version that gave {@code key} its value at {@code v} (0: none, the initial state)
     */
    public int versionOf(String key, int v) {
        checkVersion(v);
        History h = keys.get(key);
        int found = 0;
        if (h != null) {
            for (int i = 0; i < h.size && h.versions[i] <= v; i++) {
                found = h.versions[i];
            }
        }
        return found;
    }

    /** @return the version that wrote write id {@code value}, or 0 when none in the model does */
    public int writtenBy(long value) {
        Integer v = value == ABSENT ? null : writtenIn.get(value);
        return v == null ? 0 : v;
    }

    /** Version {@code v} was acknowledged to its client: it, and every version before it, must survive a crash. */
    public void acknowledge(int v) {
        checkVersion(v);
        acknowledged = Math.max(acknowledged, v);
    }

    /**
     * An open showed version {@code v}: versions after it are gone (and no longer acknowledged; the caller says
     * with {@link #acknowledge} how much of what the open showed must survive from now).
     *
     * @param v the version recovery kept
     */
    public void truncate(int v) {
        checkVersion(v);
        for (History h : keys.values()) {
            h.truncate(v);
        }
        while (committers.size() > v) {
            committers.remove(committers.size() - 1);
        }
        while (versions.size() > v) {
            Version gone = versions.remove(versions.size() - 1);
            for (Long id : gone.writes().values()) {
                writtenIn.remove(id);
            }
        }
        acknowledged = Math.min(acknowledged, v);
    }

    /** @return who committed version {@code v} (1 .. version()) */
    public String label(int v) {
        return versions.get(v - 1).label();
    }

    /** @return where version {@code v}'s frames end in the WAL, or -1 when not known */
    public long walEnd(int v) {
        return versions.get(v - 1).walEnd();
    }

    /** @return {@code "absent"}, or {@code "write #12 (v3: txn 7 by fiber 2)"}, or {@code "write #12 (never committed)"} */
    public String describe(long value) {
        if (value == ABSENT) {
            return "absent";
        }
        Integer v = writtenIn.get(value);
        return "write #" + value + (v == null ? " (not in any committed version)" : " (v" + v + ": " + label(v) + ")");
    }

    private void checkVersion(int v) {
        if (v < 0 || v > versions.size()) {
            throw new IllegalArgumentException("version: " + v + " (expected: 0.." + versions.size() + ")");
        }
    }
}
