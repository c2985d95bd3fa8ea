/**
 * The fiber-program SPI: what a workload is written against, and what the simulator implements.
 *
 * <ul>
 *   <li>{@link dev.whopper.workloads.spi.Operation}: one operation whose {@code step()} returns
 *       {@code Done(value)} or {@code IO(completion)} ("call me again after this completion finished");</li>
 *   <li>{@link dev.whopper.workloads.spi.FiberProgram}: the operations of one fiber (a simulated
 *       connection), one at a time;</li>
 *   <li>{@link dev.whopper.workloads.spi.FiberContext}: what a fiber may use (its seeded random stream,
 *       yield injector, clock, sleeps, the simulated disk);</li>
 *   <li>{@link dev.whopper.workloads.spi.Signal}: a named condition fibers wait for and announce;</li>
 *   <li>{@link dev.whopper.workloads.spi.Mutex}: a named lock one fiber holds at a time (its waits name the
 *       mutex and its holder in deadlock reports);</li>
 *   <li>{@link dev.whopper.workloads.spi.Workload}: a whole workload (world, programs, properties, crash
 *       recovery), found by name in {@code dev.whopper.workloads.registry};</li>
 *   <li>{@link dev.whopper.workloads.spi.FaultOracle}: what the run's disk injected, so a workload tells
 *       an expected outcome (a detected bit flip) from a bug without knowing the disk's class.</li>
 * </ul>
 *
 * Nothing here depends on the simulator: the dependency points from {@code whopper} to this module.
 */
package dev.whopper.workloads.spi;
