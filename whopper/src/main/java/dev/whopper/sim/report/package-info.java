/**
 * From a run to its report: {@link dev.whopper.sim.report.RunReports} builds the
 * {@link dev.whopper.reports.model.RunReport} of a {@link dev.whopper.sim.RunResult};
 * {@link dev.whopper.sim.report.LastEvents} keeps each fiber's last events with their values for the
 * report's timeline, and {@link dev.whopper.sim.report.JsonlTrace} writes every event of a run as one JSON
 * object a line. Both are {@link dev.whopper.sim.trace.TraceSink}s: they observe, never decide.
 */
package dev.whopper.sim.report;
