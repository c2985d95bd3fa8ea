/**
 * Scheduling strategies: which runnable fiber takes the next step. Each is a short class behind
 * {@link dev.whopper.sim.strategy.Strategy}: random, round-robin, PCT, POS, swarm and replay.
 * {@link dev.whopper.sim.strategy.StrategySpec} parses their command-line names.
 */
package dev.whopper.sim.strategy;
