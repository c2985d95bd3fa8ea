/**
 * The deterministic multi-connection simulator. The public entry point is
 * {@link dev.whopper.sim.Simulation}: a seed, a strategy, fibers each running a sequence of
 * {@link dev.whopper.workloads.spi.Operation}s (any {@code IOResult}-returning step, such as a core
 * {@code StateMachine}), invariants and properties; a run returns a {@link dev.whopper.sim.RunResult}
 * with a sealed {@link dev.whopper.sim.Outcome}, the trace hash, counters, the decision log and the
 * repro command line. See {@code docs/simulator.md}.
 */
package dev.whopper.sim;
