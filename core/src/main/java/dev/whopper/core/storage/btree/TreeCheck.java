package dev.whopper.core.storage.btree;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link BTree#check()}: the tree's part of the integrity check.
 *
 * @param problems  one human-readable line per problem found (empty when the tree is sound)
 * @param pagesUsed every page the tree reaches, sorted ascending
 * @param depth     number of levels (0 for an empty tree, 1 for a single root leaf)
 * @param entries   number of key/value pairs in the leaves
 */
public record TreeCheck(List<String> problems, int[] pagesUsed, int depth, long entries) {
    /** Copies the problem list and checks the components. */
    public TreeCheck {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        pagesUsed = Objects.requireNonNull(pagesUsed, "pagesUsed").clone();
    }

    /** @return true when no problem was found */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** @return a copy of the sorted page numbers the tree uses */
    @Override
    public int[] pagesUsed() {
        return pagesUsed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeCheck t && problems.equals(t.problems) && Arrays.equals(pagesUsed, t.pagesUsed)
                && depth == t.depth && entries == t.entries;
    }

    @Override
    public int hashCode() {
        return Objects.hash(problems, Arrays.hashCode(pagesUsed), depth, entries);
    }

    @Override
    public String toString() {
        return "TreeCheck[problems=" + problems + ", pagesUsed=" + pagesUsed.length + " pages, depth=" + depth
                + ", entries=" + entries + "]";
    }
}
