/** A runnable demonstration of the async model over {@link dev.whopper.core.io.MemoryIO}. */
package dev.whopper.demo;
