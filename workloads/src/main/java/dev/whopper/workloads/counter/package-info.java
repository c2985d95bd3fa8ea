/**
 * The {@code counter} workload: read-modify-write increments on a few counters, whose values must stay within
 * [acknowledged increments, acknowledged + unknown-outcome increments] at every read, after every recovery and
 * at the end.
 */
package dev.whopper.workloads.counter;
