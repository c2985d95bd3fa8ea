package dev.whopper.sim.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a soak's summary files, each whole under a temporary name and renamed: {@value #JSON} (the
 * {@link SoakSummary}), {@value #HTML} ({@link SummaryHtml}) and {@value #HLOG}, HdrHistogram's interval log of
 * per-seed wall-clock time (tag {@code seed-wall}) and simulated time (tag {@code seed-simulated}), one interval
 * per ledger chunk, so {@code HistogramLogProcessor} and HdrHistogram's plotters read it.
 */
public final class SummaryFiles {
    /** The summary's JSON. */
    public static final String JSON = "summary.json";
    /** The summary's HTML. */
    public static final String HTML = "summary.html";
    /** The interval log. */
    public static final String HLOG = "latency.hlog";

    private SummaryFiles() { }

    /**
     * @param dir     the directory to write into
     * @param summary the summary
     * @param chunks  the ledger's chunks (their interval histograms), or empty (a merged summary: no intervals)
     * @throws IOException when a file cannot be written
     */
    public static void write(Path dir, SoakSummary summary, List<Ledger.Chunk> chunks) throws IOException {
        AtomicFiles.write(dir.resolve(JSON), Json.text(summary));
        AtomicFiles.write(dir.resolve(HTML), SummaryHtml.render(summary));
        if (!chunks.isEmpty()) {
            AtomicFiles.write(dir.resolve(HLOG), intervalLog(chunks));
        }
    }

    /**
     * @param chunks ledger chunks, in order
     * @return the interval log text
     */
    static byte[] intervalLog(List<Ledger.Chunk> chunks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            long base = chunks.get(0).startEpochMillis();
            w.outputComment("Whopper soak: per-seed wall-clock (seed-wall) and simulated (seed-simulated) time, nanoseconds");
            w.outputStartTime(base);
            w.setBaseTime(base);
            w.outputLogFormatVersion();
            w.outputLegend();
            for (Ledger.Chunk c : chunks) {
                interval(w, c, c.wallHistogram(), "seed-wall");
                interval(w, c, c.simulatedHistogram(), "seed-simulated");
            }
        }
        return bytes.toByteArray();
    }

    private static void interval(HistogramLogWriter w, Ledger.Chunk c, String encoded, String tag) {
        Histogram h = Histograms.decode(encoded);
        h.setStartTimeStamp(c.startEpochMillis());
        h.setEndTimeStamp(Math.max(c.startEpochMillis(), c.endEpochMillis()));
        h.setTag(tag);
        w.outputIntervalHistogram(h);
    }
}
