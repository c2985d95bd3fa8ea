/**
 * The durable-file model shared by the in-memory backend ({@code dev.whopper.core.io.backend.MemoryIO})
 * and the simulator's {@code SimIO}: each {@link dev.whopper.core.io.model.DurableFile} has a volatile
 * layer (what reads see) and a durable layer (what survives power loss); writes and truncations apply to
 * the volatile layer and stay unsynced until a sync makes them durable; a crash of the
 * {@link dev.whopper.core.io.model.Volume} drops or tears, at sector granularity, what was not durable,
 * with every random decision drawn from a {@link dev.whopper.core.io.RandomSource} the caller passes in.
 * Latency, request ordering and fault injection are not modelled here: they belong to the backends.
 */
package dev.whopper.core.io.model;
