package dev.whopper.reports.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** Merging lists of keyed values, in a stable order. */
final class Merge {
    private Merge() { }

    /** @return {@code a}'s values in order (merged with {@code b}'s of the same key), then {@code b}'s new ones */
    static <T> List<T> byKey(List<T> a, List<T> b, Function<T, String> key, BinaryOperator<T> plus) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T t : a) {
            out.merge(key.apply(t), t, plus);
        }
        for (T t : b) {
            out.merge(key.apply(t), t, plus);
        }
        return new ArrayList<>(out.values());
    }

    /** @return the fibers of both, by ascending id, the same id's lines added */
    static List<FiberLine> byFiber(List<FiberLine> a, List<FiberLine> b) {
        Map<Integer, FiberLine> out = new TreeMap<>(Comparator.naturalOrder());
        for (FiberLine f : a) {
            out.merge(f.fiber(), f, FiberLine::plus);
        }
        for (FiberLine f : b) {
            out.merge(f.fiber(), f, FiberLine::plus);
        }
        return new ArrayList<>(out.values());
    }
}
