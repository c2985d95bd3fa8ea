/**
 * Shrinking: turning a failing run into a smaller one that fails the same way (same outcome kind and, for
 * a violation, the same property): cut at the failing step, fewer fibers, fault classes off, then delta
 * debugging of the decision log.
 */
package dev.whopper.sim.shrink;
