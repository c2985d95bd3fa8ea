/**
 * The async I/O model every part of Whopper is written in.
 *
 * <p>An operation returns {@link dev.whopper.core.io.IOResult}: {@code Done(value)} or
 * {@code IO(completion)}, "call me again after this completion finishes". A
 * {@link dev.whopper.core.io.Completion} tracks one request; a
 * {@link dev.whopper.core.io.CompletionGroup} aggregates several; a completion may carry a label (text only,
 * formatted lazily through {@link dev.whopper.core.io.CompletionLabel}) naming what it waits for. Backends implement
 * {@link dev.whopper.core.io.IO} and {@link dev.whopper.core.io.File}; time, randomness and forced
 * yields reach the engine only through {@link dev.whopper.core.io.Clock},
 * {@link dev.whopper.core.io.RandomSource} and {@link dev.whopper.core.io.YieldInjector}, so a simulator
 * can make them deterministic. The backends live in {@code dev.whopper.core.io.backend}, the durable-file
 * model they share with the simulator in {@code dev.whopper.core.io.model}. See {@code docs/async-io.md}.
 */
package dev.whopper.core.io;
