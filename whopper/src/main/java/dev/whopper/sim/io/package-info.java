/**
 * The simulated disk: {@link dev.whopper.sim.io.SimIO}, a deterministic {@link dev.whopper.core.io.IO}
 * whose requests complete at virtual times drawn from a {@link dev.whopper.sim.io.LatencyProfile}, whose
 * faults are drawn from a {@link dev.whopper.sim.io.FaultConfig}, and whose files have a volatile and a
 * durable layer so that {@link dev.whopper.sim.io.SimIO#crash(CrashOptions)} can model power loss.
 * See {@code docs/sim-io.md}.
 */
package dev.whopper.sim.io;
