package dev.whopper.reports.latency;

import dev.whopper.reports.model.LatencyHistogram;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * An HdrHistogram interval log in the library's standard format ({@link HistogramLogWriter}; read it with
 * {@code HistogramLogReader} or HdrHistogram's plotting tools): every {@code intervalNanos} of simulated
 * time, one interval histogram per operation kind that finished operations in it, tagged with the kind,
 * values in simulated microseconds; time stamps are simulated seconds from the run's start. Fed by a
 * {@link LatencyRecorder}; {@link #close()} writes the last interval.
 */
public final class IntervalLog implements AutoCloseable {
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long intervalNanos;
    private final Map<String, Histogram> current = new LinkedHashMap<>();
    private long intervalStartNanos;
    private long intervalsWritten;

    /**
     * Writes the log's header.
     *
     * @param out           where the log goes (closed by {@link #close()})
     * @param intervalNanos the interval width, simulated nanoseconds, &gt; 0
     */
    public IntervalLog(OutputStream out, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos: " + intervalNanos + " (expected: > 0)");
        }
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(this.out);
        this.intervalNanos = intervalNanos;
        writer.outputComment("whopper latency: simulated microseconds per operation kind (tag), simulated seconds");
        writer.outputLogFormatVersion();
        writer.outputStartTime(0);
        writer.outputBaseTime(0);
        writer.outputLegend();
    }

    /**
     * @param kind     the operation kind
     * @param endNanos simulated time it finished, &gt;= the previous call's
     * @param micros   its latency, simulated microseconds
     */
    void record(String kind, long endNanos, long micros) {
        while (endNanos >= intervalStartNanos + intervalNanos) {
            flush();
        }
        current.computeIfAbsent(kind, k -> LatencyHistogram.newHistogram()).recordValue(micros);
    }

    /** HdrHistogram tags end at a comma and must not hold white space. */
    static String tag(String kind) {
        String t = kind.replaceAll("[,\\s]", "_");
        return t.isEmpty() ? "_" : t;
    }

    private void flush() {
        double start = intervalStartNanos / 1e9;
        double end = (intervalStartNanos + intervalNanos) / 1e9;
        for (Map.Entry<String, Histogram> e : current.entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() > 0) {
                h.setTag(tag(e.getKey())); // set at each write: reset() clears it
                h.setStartTimeStamp(intervalStartNanos / 1_000_000);
                h.setEndTimeStamp((intervalStartNanos + intervalNanos) / 1_000_000);
                writer.outputIntervalHistogram(start, end, h, 1.0);
                h.reset();
                intervalsWritten++;
            }
        }
        intervalStartNanos += intervalNanos;
    }

    /** @return interval histograms written so far */
    public long intervalsWritten() {
        return intervalsWritten;
    }

    /** Writes the last (partial) interval and closes the stream. */
    @Override
    public void close() {
        for (Histogram h : current.values()) {
            if (h.getTotalCount() > 0) {
                flush();
                break;
            }
        }
        out.flush();
        out.close();
    }
}
