/**
 * The scheduler, one concern per class: {@link dev.whopper.sim.sched.Scheduler} is the step loop (fibers
 * and their states RUNNABLE, BLOCKED, SLEEPING, DONE, the runnable set, one operation step per scheduler
 * step, the virtual clock's advance and idle jumps, the steady-state block loop);
 * {@link dev.whopper.sim.sched.PropertyDispatch} tells the properties and turns their answers into a
 * verdict; {@link dev.whopper.sim.sched.CrashPlan} holds the planned crashes (crash and recover) and the
 * faults-end action; {@link dev.whopper.sim.sched.LivenessMonitor} finds LIVENESS and DEADLOCK failures;
 * {@link dev.whopper.sim.sched.OpCounts} counts finished operations per kind;
 * {@link dev.whopper.sim.sched.Blame} tells a tool bug from a failure of the code under test.
 * {@link dev.whopper.sim.Simulation} is the public way to build a scheduler.
 */
package dev.whopper.sim.sched;
