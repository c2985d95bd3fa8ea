package dev.whopper.cli;

import dev.whopper.sim.soak.Progress;
import dev.whopper.sim.soak.SeedRecord;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * A soak's progress on the console: on a terminal one bar redrawn in place about every second, otherwise one
 * plain line every {@value #PLAIN_EVERY_MILLIS} ms (for logs and CI); each new failure signature gets a line.
 */
final class ConsoleProgress implements Progress.Listener {
    /** How often plain lines are printed. */
    static final long PLAIN_EVERY_MILLIS = 5000;
    private static final int BAR = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final Set<String> signatures = new HashSet<>();
    private long lastPlainMillis = -PLAIN_EVERY_MILLIS;
    private boolean barShown;

    /**
     * @param out      where to print
     * @param terminal true to draw a bar in place
     */
    ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void progress(Progress p) {
        if (terminal) {
            out.print("\r" + bar(p) + " " + p.line() + "   ");
            barShown = true;
        } else if (p.elapsedMillis() - lastPlainMillis >= PLAIN_EVERY_MILLIS) {
            lastPlainMillis = p.elapsedMillis();
            out.println("soak: " + p.line());
        }
        out.flush();
    }

    @Override
    public void failure(SeedRecord r) {
        if (signatures.add(r.signature())) {
            endBar();
            out.println("soak: new failure at seed " + r.seed() + ": " + r.signature() + " (" + r.failureDir() + ")");
            out.flush();
        }
    }

    /** Ends the bar's line, so what follows starts on its own. */
    void endBar() {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }

    static String bar(Progress p) {
        double f = p.fraction();
        if (f < 0) {
            return "[" + "~".repeat(BAR) + "]";
        }
        int full = (int) Math.round(f * BAR);
        return "[" + "#".repeat(full) + ".".repeat(BAR - full) + "]";
    }
}
