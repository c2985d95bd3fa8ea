/**
 * The scheduler: fibers (RUNNABLE, BLOCKED, SLEEPING, DONE), one operation step per scheduler step,
 * the virtual clock's advance, deadlock and liveness detection, properties, the trace hash and the
 * event ring. {@link dev.whopper.sim.Simulation} is the public way to build one.
 */
package dev.whopper.sim.sched;
