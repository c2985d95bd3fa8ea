/**
 * Explicit state machines: a {@link dev.whopper.core.sm.StateTransition} returns Io, Continue or Done,
 * and {@link dev.whopper.core.sm.StateMachine} turns that into an {@link dev.whopper.core.io.IOResult}.
 */
package dev.whopper.core.sm;
