package dev.whopper.cli;

import dev.whopper.reports.latency.IntervalLog;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.render.HtmlReport;
import dev.whopper.reports.render.JsonReport;
import dev.whopper.sim.Observation;
import dev.whopper.sim.report.JsonlTrace;
import dev.whopper.sim.report.LastEvents;
import dev.whopper.sim.report.TraceSinks;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/**
 * The files {@code whopper run} writes besides its console text: the HTML report, the JSON report, the JSONL
 * trace and the HdrHistogram interval log. None changes the run (they are {@link Observation}s and renderings
 * of its report), so none is part of the repro line. Files that cannot be opened are a usage error.
 */
final class Outputs implements AutoCloseable {
    private final Path html;
    private final Path json;
    private final Path tracePath;
    private final JsonlTrace trace;
    private final IntervalLog latencyLog;
    private final LastEvents lastEvents;
    private final Function<String, ParameterException> bad;

    private Outputs(Path html, Path json, Path tracePath, JsonlTrace trace, IntervalLog latencyLog,
                    Function<String, ParameterException> bad) {
        this.bad = bad;
        this.html = html;
        this.json = json;
        this.tracePath = tracePath;
        this.trace = trace;
        this.latencyLog = latencyLog;
        this.lastEvents = html != null || json != null ? new LastEvents() : null;
    }

    static Outputs open(Path html, Path json, Path trace, Path latencyLog, long intervalNanos,
                        Function<String, ParameterException> bad) {
        JsonlTrace t = trace == null ? null : new JsonlTrace(stream(trace, "--trace", bad));
        IntervalLog l = latencyLog == null ? null : new IntervalLog(stream(latencyLog, "--latency-log", bad), intervalNanos);
        return new Outputs(html, json, trace, t, l, bad);
    }

    private static OutputStream stream(Path file, String option, Function<String, ParameterException> bad) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException | UnsupportedOperationException e) {
            throw bad.apply(option + ": cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    /** @return how the run is watched for these outputs */
    Observation observation() {
        return new Observation(TraceSinks.both(trace, lastEvents), html != null || json != null, latencyLog);
    }

    /** @return the last events with values kept for the report, or null */
    LastEvents lastEvents() {
        return lastEvents;
    }

    /** Writes the report files and says where they went. */
    void write(RunReport report, PrintWriter out) {
        try {
            if (json != null) {
                JsonReport.write(report, json);
                out.println("json: " + json);
            }
            if (html != null) {
                HtmlReport.write(report, html);
                out.println("report: " + html);
            }
        } catch (UncheckedIOException e) {
            throw bad.apply(e.getMessage());
        }
        if (trace != null) {
            out.println("trace: " + tracePath + " (" + trace.lines() + " events)");
        }
    }

    /** Closes the trace and the interval log (the run is over). */
    @Override
    public void close() {
        if (trace != null) {
            trace.close();
        }
        if (latencyLog != null) {
            latencyLog.close();
        }
    }
}
