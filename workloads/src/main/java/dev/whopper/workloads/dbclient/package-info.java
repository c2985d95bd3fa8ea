/**
 * The client side shared by engine workloads ({@code kv-model}, {@code counter}): one database on the simulated
 * disk shared by every fiber's connection ({@link dev.whopper.workloads.dbclient.EngineWorld}), opened and
 * verified by one fiber at a time after every crash or failed WAL sync
 * ({@link dev.whopper.workloads.dbclient.Opener}), and one operation's phases around its body: open, connect,
 * clean up, body, roll back ({@link dev.whopper.workloads.dbclient.EngineOp}). What a workload checks at an open
 * is its {@link dev.whopper.workloads.dbclient.RecoveryCheck}.
 */
package dev.whopper.workloads.dbclient;
