/**
 * {@code disk-echo}: a workload on the simulated disk with no checksums, so that bit flips show up as
 * violations; the simulator's fault handling, crash recovery and shrinking are tested with it.
 */
package dev.whopper.workloads.echo;
