/**
 * The engine under test: {@link dev.whopper.core.db.Database} (one per file, shared: WAL index, lock
 * table, page cache, WAL restarts) and {@link dev.whopper.core.db.Connection} (many per database) with
 * SQLite-WAL-style non-blocking locks and snapshot transactions ({@code Transaction}); each
 * transaction's pages go through its {@code Pager} (load from cache, WAL or database file; allocate
 * from the freelist or by growing; free to the freelist). One class per operation: {@code OpenOp}
 * (open and recovery), {@code CommitOp}, {@code CheckpointOp}, {@code IntegrityCheck}. Every public
 * operation is a {@link dev.whopper.core.sm.StateMachine}; nothing blocks. See docs/engine.md.
 */
package dev.whopper.core.db;
