/**
 * The project's own pseudo-random numbers: xoshiro256** seeded through SplitMix64, split into named,
 * independently seeded streams (scheduler, io, faults, one per fiber) whose outputs depend only on the
 * root seed and the stream's name, on any JDK.
 */
package dev.whopper.sim.random;
