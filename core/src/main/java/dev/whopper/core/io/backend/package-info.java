/**
 * The backends of the async I/O model: {@link dev.whopper.core.io.backend.MemoryIO} (in memory,
 * deterministic, for tests and examples; its files are the shared durable-file model of
 * {@code dev.whopper.core.io.model}), {@link dev.whopper.core.io.backend.FileChannelIO} (real disk, worker
 * threads whose results come back through an MPSC queue and complete inside
 * {@link dev.whopper.core.io.IO#poll()}), and {@link dev.whopper.core.io.backend.Blocking}, which drives one
 * operation to completion by polling its backend (for examples, tests and tools; state machines never
 * block). See {@code docs/async-io.md}.
 */
package dev.whopper.core.io.backend;
