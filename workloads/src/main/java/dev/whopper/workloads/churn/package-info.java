/**
 * {@code btree-churn}: bands of keys inserted and deleted in transactions on small pages with a small page cache,
 * so the engine's B+tree splits, merges, redistributes, grows and collapses its root and reuses freed pages, while
 * scans compare the tree with a model (a sorted map in commit order) and the integrity check runs as an operation.
 */
package dev.whopper.workloads.churn;
