package dev.whopper.reports.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered, immutable maps of counters, and their sums. */
final class Maps {
    private Maps() { }

    /** @return an unmodifiable copy keeping {@code m}'s order ({@code null}: empty) */
    static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** @return {@code a + b} key by key: {@code a}'s keys in its order, then {@code b}'s new ones */
    static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new LinkedHashMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Long::sum));
        return Collections.unmodifiableMap(out);
    }
}
