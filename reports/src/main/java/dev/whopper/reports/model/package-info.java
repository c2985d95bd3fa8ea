/**
 * The immutable run report: everything one run (or a merge of many) produced, graded once, which every
 * renderer (console text, JSON, HTML) reads. {@link dev.whopper.reports.model.RunReport} is the root;
 * {@link dev.whopper.reports.model.RunReport#plus} merges two reports (histograms add, counters add,
 * failures concatenate). The JSON form is described in {@code docs/reports.md}; its version is
 * {@link dev.whopper.reports.model.RunReport#SCHEMA_VERSION}.
 */
package dev.whopper.reports.model;
