/**
 * Soaks: many seeds of one configuration, each an independent deterministic run in this JVM, on worker
 * threads ({@link dev.whopper.sim.soak.SoakRunner}). Results flow to one collector through a JCTools MPSC
 * queue; the collector keeps the seed ledger ({@link dev.whopper.sim.soak.Ledger}: every file written to a
 * temporary name and renamed, so a kill loses at most the seeds in flight), groups failures by signature
 * ({@link dev.whopper.sim.soak.Signature}), sums coverage with its saturation curve, and writes the
 * mergeable summary ({@link dev.whopper.sim.soak.SoakSummary}). {@link dev.whopper.sim.soak.SeedPlan} and
 * {@link dev.whopper.sim.soak.Shard} say which seeds a soak (or one shard of it) runs.
 */
package dev.whopper.sim.soak;
