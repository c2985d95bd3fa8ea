/**
 * The write-ahead log: file format (header and frames with salts and a cumulative CRC32C), recovery of
 * the valid prefix up to the last commit frame, and the shared WAL index. See docs/engine.md.
 */
package dev.whopper.core.storage.wal;
