/**
 * Workloads that run the engine under test ({@code dev.whopper.core.db}) inside the simulator: each fiber
 * is a connection, operations are explicit state machines over the engine's state machines, and
 * properties check conservation, durability across crashes and integrity.
 */
package dev.whopper.sim.engine;
