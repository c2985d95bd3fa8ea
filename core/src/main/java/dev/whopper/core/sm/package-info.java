/**
 * Explicit state machines: a {@link dev.whopper.core.sm.StateTransition} returns Io, Continue or Done,
 * and {@link dev.whopper.core.sm.StateMachine} turns that into an {@link dev.whopper.core.io.IOResult}.
 * The glue every machine needs is written once in {@link dev.whopper.core.sm.Transition}:
 * {@code await} (wait for a completion just started) and {@code from} (propagate a callee's IO result).
 */
package dev.whopper.core.sm;
