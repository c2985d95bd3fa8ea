package dev.whopper.workloads.check;

import java.util.ArrayList;
import java.util.List;

/** Groups committed read-then-write transactions by the version of the key they read; a group of two or more lost updates. */
final class LostUpdates {
    private final Keys keys;
    private final PairIntMap group = new PairIntMap(64);
    private final List<List<Txn>> members = new ArrayList<>();
    private final List<long[]> keyOf = new ArrayList<>();
    private final List<String> versionText = new ArrayList<>();

    LostUpdates(Keys keys) {
        this.keys = keys;
    }

    /**
     * @param x       a committed transaction that read {@code key} (before writing it) and then wrote it
     * @param key     the key
     * @param version the version read ({@link DepGraph#NONE} for the initial one)
     * @param text    the version as text
     */
    void read(Txn x, long key, long version, String text) {
        int k = keys.id(key);
        int g = group.putIfAbsent(k, version, members.size());
        if (g == PairIntMap.ABSENT) {
            members.add(new ArrayList<>(2));
            keyOf.add(new long[] {key});
            versionText.add(text);
            g = members.size() - 1;
        }
        members.get(g).add(x);
    }

    void report(Findings f) {
        for (int g = 0; g < members.size(); g++) {
            if (members.get(g).size() > 1) {
                f.add(new Anomaly.LostUpdate(keyOf.get(g)[0], versionText.get(g), members.get(g)));
            }
        }
    }
}
