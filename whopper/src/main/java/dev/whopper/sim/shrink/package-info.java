/**
 * Shrinking: turning a failing run into a smaller one that fails the same way (same outcome kind and, for
 * a violation, the same property). {@link dev.whopper.sim.shrink.Shrinker} runs the passes in order, one
 * class each: cut at the failing step, fewer fibers, fault classes off, then delta debugging of the
 * decision log; {@code ShrinkState} holds the best failure so far, the run budget of one shrink, and the one
 * rule by which a candidate is accepted.
 */
package dev.whopper.sim.shrink;
