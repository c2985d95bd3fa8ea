/**
 * The shared, versioned page cache: immutable committed page versions keyed by (page, version), bounded,
 * CLOCK eviction of unpinned pages, and shared in-flight loads so two readers missing the same version
 * issue one read.
 */
package dev.whopper.core.storage.cache;
