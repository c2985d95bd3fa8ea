/**
 * The {@code kv-model} workload: transactions of get, put, delete and scan on a small key space, long readers
 * that stay open across many commits and checkpoints, and autocommit single operations, all checked against a
 * versioned model that applies commits in commit order ({@link dev.whopper.workloads.kv.KvModel}); and the
 * durability of that model across crashes.
 */
package dev.whopper.workloads.kv;
