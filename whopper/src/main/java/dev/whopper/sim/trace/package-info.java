/**
 * What a run leaves behind: the {@link dev.whopper.sim.trace.DecisionLog} of every choice (replayable,
 * compact, with a text form), the {@link dev.whopper.sim.trace.Recorder} every choice goes through
 * (scheduler picks included), the rolling {@link dev.whopper.sim.trace.TraceHash} of decisions and
 * operation results with {@link dev.whopper.sim.trace.ValueHash}, the stable hash of an operation's value,
 * and the bounded {@link dev.whopper.sim.trace.EventRing} of the last events.
 */
package dev.whopper.sim.trace;
