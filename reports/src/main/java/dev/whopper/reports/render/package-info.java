/**
 * Renderers of a {@link dev.whopper.reports.model.RunReport}: {@link dev.whopper.reports.render.JsonReport}
 * (write and read back), {@link dev.whopper.reports.render.ConsoleReport} (the text {@code whopper run}
 * prints) and {@link dev.whopper.reports.render.HtmlReport} (one self-contained page).
 */
package dev.whopper.reports.render;
