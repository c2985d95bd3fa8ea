/**
 * The engine under test: {@link dev.whopper.core.db.Database} (one per file, shared) and
 * {@link dev.whopper.core.db.Connection} (many per database) with SQLite-WAL-style non-blocking locks,
 * snapshot transactions, commit through the WAL, checkpoints, recovery and the integrity check. Every
 * public operation is a {@link dev.whopper.core.sm.StateMachine}; nothing blocks. See docs/engine.md.
 */
package dev.whopper.core.db;
