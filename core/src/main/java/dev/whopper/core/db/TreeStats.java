package dev.whopper.core.db;

/**
 * What committed transactions did to the tree's structure, counted at commit (a rolled-back transaction's
 * changes do not count).
 *
 * @param splits          non-root nodes split in two
 * @param merges          underfull nodes merged with a sibling
 * @param redistributions underfull nodes that took cells from a sibling
 * @param rootSplits      roots split (the tree grew a level)
 * @param rootCollapses   roots removed (an interior root with one child, or an emptied root leaf)
 * @param pagesFreed      pages put on the freelist
 * @param freelistReuses  pages allocated from the freelist (rather than by growing the file)
 */
public record TreeStats(long splits, long merges, long redistributions, long rootSplits, long rootCollapses,
                        long pagesFreed, long freelistReuses) {
    /** Nothing counted. */
    public static final TreeStats NONE = new TreeStats(0, 0, 0, 0, 0, 0, 0);

    /**
     * @param o other counts
     * @return the sums
     */
    public TreeStats plus(TreeStats o) {
        return new TreeStats(splits + o.splits, merges + o.merges, redistributions + o.redistributions,
            rootSplits + o.rootSplits, rootCollapses + o.rootCollapses, pagesFreed + o.pagesFreed,
            freelistReuses + o.freelistReuses);
    }
}
