/**
 * The engine's B+tree over a {@link dev.whopper.core.storage.btree.PageStore}: byte[] keys in unsigned
 * lexicographic order, values only in leaves, leaves (and interior pages) linked left to right. The
 * node layout on a page is {@code NodeLayout}, decoded into {@code Node}s for balancing.
 *
 * <p>Every operation of {@link dev.whopper.core.storage.btree.BTree} is an explicit state machine built
 * in "plan, then apply" style: it first reads every page it needs and computes the new page images in
 * private memory, then allocates, obtains writable copies, and only then writes, so that a re-entry
 * after any {@code IO} result never redoes a mutation. Yield points are listed in
 * {@link dev.whopper.core.storage.btree.BTreeYieldPoint}. See {@code docs/btree.md}.
 */
package dev.whopper.core.storage.btree;
