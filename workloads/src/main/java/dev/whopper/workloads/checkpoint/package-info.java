/**
 * {@code checkpoint-storm}: checkpoints of every mode and auto-checkpoints run all the time, concurrently with
 * writers and with long readers whose snapshots are held across many steps and across checkpoints; readers'
 * snapshots must hold, recoveries must keep every acknowledged commit, and once faults stop checkpoints must
 * succeed again and commits must keep being made.
 */
package dev.whopper.workloads.checkpoint;
