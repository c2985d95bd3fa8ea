/** A runnable demonstration of the async model over {@link dev.whopper.core.io.backend.MemoryIO}. */
package dev.whopper.demo;
