package dev.whopper.sim.report;

import dev.whopper.reports.model.RunReport;
import dev.whopper.sim.Observation;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.config.RunConfig;

/** Reports of real runs for the HTML tests: a failing one and a passing one with faults and crashes. */
final class ReportFixtures {
    static final String FAILING = "--seed 1 --workload bank-non-atomic --connections 4";
    static final String PASSING = "--seed 5 --workload bank --connections 6 --faults chaos --crashes 2";

    private ReportFixtures() { }

    /** @return the report of the run {@code line} gives, with its timeline and wall-clock figures, as the CLI makes it */
    static RunReport report(String line) {
        RunConfig config = RunConfig.parse(line.split(" "));
        LastEvents events = new LastEvents();
        long start = System.nanoTime();
        RunResult r = config.simulation().run(new Observation(events, true, null));
        return RunReports.of(r, config, events, Math.max(1, System.nanoTime() - start));
    }

    /** @return {@code html} with every wall-clock figure masked */
    static String masked(String html) {
        return html.replaceAll("(<span class=\"wall\"[^>]*>)[^<]*(</span>)", "$1*$2");
    }
}
