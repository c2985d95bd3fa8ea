/**
 * The simulated disk: {@link dev.whopper.sim.io.SimIO}, a deterministic {@link dev.whopper.core.io.IO}
 * whose requests complete at virtual times drawn from a {@link dev.whopper.sim.io.LatencyProfile}, whose
 * faults are drawn from a {@link dev.whopper.sim.io.FaultConfig}, and whose files are core's durable-file
 * model ({@code dev.whopper.core.io.model}: volatile and durable layers) so that
 * {@link dev.whopper.sim.io.SimIO#crash(CrashOptions)} can model power loss. This package owns only the
 * simulation concerns: latency ({@link dev.whopper.sim.io.LatencyProfile}), fault injection
 * ({@link dev.whopper.sim.io.FaultKind}), same-instant completion order, crash options and reports, the
 * listener, and the counters ({@link dev.whopper.sim.io.SimIOStats} per
 * {@link dev.whopper.sim.io.RequestKind}).
 * See {@code docs/sim-io.md}.
 */
package dev.whopper.sim.io;
