/**
 * The client side every engine workload shares ({@code kv-model}, {@code counter}, {@code mixed},
 * {@code checkpoint-storm}, {@code btree-churn}): one database on the simulated disk shared by every fiber's
 * connection, each fiber's share of operations and the final verification
 * ({@link dev.whopper.workloads.dbclient.EngineWorld}), opened and verified by one fiber at a time after every
 * crash or failed WAL sync ({@link dev.whopper.workloads.dbclient.Opener}; what a workload verifies is its
 * {@link dev.whopper.workloads.dbclient.EngineWorld.Verification}, for the model workloads usually a
 * {@link dev.whopper.workloads.dbclient.RecoveryCheck} in a read transaction followed by the integrity check), one
 * operation's phases around its body: open, connect, clean up, body, roll back
 * ({@link dev.whopper.workloads.dbclient.EngineOp}), the properties the model workloads share
 * ({@link dev.whopper.workloads.dbclient.EngineChecks}), and the judgement of an integrity report that tells damage
 * a detected bit flip explains from real damage ({@link dev.whopper.workloads.dbclient.IntegrityVerdict}).
 */
package dev.whopper.workloads.dbclient;
