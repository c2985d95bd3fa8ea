/**
 * The properties SPI: a {@link dev.whopper.workloads.property.Property} watches operations start and
 * finish, crashes, recoveries and the end of a run, and reports a
 * {@link dev.whopper.workloads.property.Violation} (by returning it or by throwing
 * {@link dev.whopper.workloads.property.PropertyViolation}). The simulator stops the run at the first
 * violation and reports it with the step, the simulated time, the fiber and the last events. A violation may
 * name the operations it blames ({@link dev.whopper.workloads.property.Blamed}: any fiber's, by its operation
 * number), which the report highlights; without them the report guesses from what overlapped in time.
 */
package dev.whopper.workloads.property;
