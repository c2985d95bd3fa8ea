/**
 * Engine mutants and the scoreboard that proves the simulator's oracles on them: {@link dev.whopper.bench.mutants.Mutant}
 * (a patch under {@code mutants/} with its header), {@link dev.whopper.bench.mutants.UnifiedPatch} (parses and
 * applies it in memory), {@link dev.whopper.bench.mutants.MutantBuild} (a scratch copy of the patched files,
 * compiled against the unmutated classes), {@link dev.whopper.bench.mutants.MutantRunner} (the child JVM that runs
 * seeds) and {@link dev.whopper.bench.mutants.MutantScoreboard} (the command). Nothing here is in the shipped engine:
 * a mutant exists only as a patch and as classes under {@code bench/target/mutants}.
 */
package dev.whopper.bench.mutants;
