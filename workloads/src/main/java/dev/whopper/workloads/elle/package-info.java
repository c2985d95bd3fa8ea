/**
 * {@code list-append} and {@code rw-register}: Elle-style transactions against the engine under test. Each fiber
 * is a connection running transactions of a few micro-operations on a small, rotating key space (unique values
 * from one counter); every transaction is recorded as an invocation and an ok, fail or info completion with its
 * process, index and simulated time, and at the end of the run the history checker
 * ({@link dev.whopper.workloads.check.Checker}) must find it valid.
 */
package dev.whopper.workloads.elle;
