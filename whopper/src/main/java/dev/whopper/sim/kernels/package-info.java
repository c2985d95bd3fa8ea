/**
 * Race kernels: small programs with one classic concurrency bug each, and their correct twins, written
 * against the public {@link dev.whopper.sim.Simulation} API. They prove the simulator finds what it
 * claims to find, and are the built-in workloads of {@code whopper run --workload}.
 */
package dev.whopper.sim.kernels;
