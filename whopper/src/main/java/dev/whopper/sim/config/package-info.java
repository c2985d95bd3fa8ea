/**
 * {@link dev.whopper.sim.config.RunConfig}: every option of a command-line run with its default and its
 * check, parsed from arguments, printed back as the repro line, and turned into a simulation.
 */
package dev.whopper.sim.config;
