/**
 * The {@code mixed} workload: the engine workloads ({@code bank}, {@code kv-model}, {@code counter}) at once on one
 * simulated disk, each on its own database file, every fiber interleaving their operations by a weighted mix that
 * the swarm strategy draws per seed.
 */
package dev.whopper.workloads.mixed;
