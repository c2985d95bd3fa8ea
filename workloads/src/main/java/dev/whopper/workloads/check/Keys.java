package dev.whopper.workloads.check;

import java.util.HashMap;
import java.util.Map;

/** Dense ids for a history's keys, in the order they first appear. */
final class Keys {
    private final Map<Long, Integer> ids = new HashMap<>();
    private final LongList keys = new LongList();

    int id(long key) {
        Integer id = ids.get(key);
        if (id == null) {
            id = keys.size();
            ids.put(key, id);
            keys.add(key);
        }
        return id;
    }

    long key(int id) {
        return keys.get(id);
    }

    int size() {
        return keys.size();
    }
}
