/**
 * What the engine workloads ({@code checkpoint-storm}, {@code btree-churn}) share: the world that opens the one
 * database on the simulated disk, recovers it after a crash and reopens it after a failed WAL sync
 * ({@link dev.whopper.workloads.engine.EngineWorld}), the operation skeleton that gets every fiber a connection and
 * turns expected engine refusals into labelled outcomes ({@link dev.whopper.workloads.engine.EngineOp}), and the
 * judgement of an integrity report that tells damage a detected bit flip explains from real damage
 * ({@link dev.whopper.workloads.engine.IntegrityVerdict}).
 */
package dev.whopper.workloads.engine;
