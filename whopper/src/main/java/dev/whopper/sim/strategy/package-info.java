/**
 * Scheduling strategies: which runnable fiber takes the next step. Each is a short class behind
 * {@link dev.whopper.sim.strategy.Strategy} (random, round-robin, PCT, POS, swarm and replay) and supplies
 * its own steady-state fast path, if it has one, as a {@link dev.whopper.sim.strategy.BlockPicker}
 * (random and round-robin; swarm passes on its drawn strategy's); the scheduler never tells strategies
 * apart. {@link dev.whopper.sim.strategy.StrategySpec} parses their command-line names.
 */
package dev.whopper.sim.strategy;
