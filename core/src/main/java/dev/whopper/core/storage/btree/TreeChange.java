package dev.whopper.core.storage.btree;

/**
 * A structural change a put or delete made to the tree, told to its {@link PageStore} ({@link
 * PageStore#treeChanged}) when it is planned, so that an engine can count what its workload really exercised.
 */
public enum TreeChange {
    /** A non-root node overflowed and was split in two (its parent got a separator). */
    SPLIT,
    /** An underfull node and its sibling fit in one page and were merged (one page left the tree). */
    MERGE,
    /** An underfull node took cells from its sibling (both stay in the tree). */
    REDISTRIBUTE,
    /** The root overflowed: it was split and a new root made above it (the tree grew a level). */
    ROOT_SPLIT,
    /** An interior root was left with one child, which became the root (the tree lost a level), or the root leaf became empty. */
    ROOT_COLLAPSE
}
