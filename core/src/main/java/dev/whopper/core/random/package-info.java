/** Project-owned pseudo-random generators whose output depends only on the seed, on any JVM. */
package dev.whopper.core.random;
