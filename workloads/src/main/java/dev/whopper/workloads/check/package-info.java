/**
 * The Elle-style history checker: from a {@link dev.whopper.workloads.history.History} of list-append or
 * rw-register transactions it infers the write-write, write-read and read-write (anti-)dependencies and the
 * process and real-time orders, finds cycles (Tarjan's strongly connected components, then a bounded
 * breadth-first search for a shortest cycle in each), and reports every anomaly with a minimal witness: the
 * transactions involved and each edge with its key and why it exists. Results are data
 * ({@link dev.whopper.workloads.check.CheckResult}, a sealed {@link dev.whopper.workloads.check.Anomaly});
 * {@link dev.whopper.workloads.check.CheckText} renders them for a person.
 */
package dev.whopper.workloads.check;
