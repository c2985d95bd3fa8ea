package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code whopper run} on the engine's bank workload. */
class BankCliTest {
    private record Run(int exit, String out, String err) {
        String hash() {
            Matcher m = Pattern.compile("(?m)^trace hash: ([0-9a-f]{16})$").matcher(out);
            return m.find() ? m.group(1) : "";
        }
    }

    private static Run whopper(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void bankWithFaultsAndCrashesPassesAndDoublechecks() {
        Run r = whopper("run", "--seed", "3", "--workload", "bank", "--connections", "8", "--faults", "chaos",
            "--crashes", "2", "--crash-window-steps", "500", "--doublecheck");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("outcome: PASSED"), r.out());
        assertTrue(r.out().contains("crashes: 2"), r.out());
        assertTrue(r.out().contains("--faults chaos"), r.out());
        assertEquals(16, r.hash().length(), r.out());
    }

    @Test
    void brokenTwinExitsOneAndItsReproReproduces() {
        Run first = null;
        for (int seed = 1; seed <= 20; seed++) {
            Run r = whopper("run", "--seed", Integer.toString(seed), "--workload", "bank-non-atomic", "--connections", "4");
            if (r.exit() != 0) {
                first = r;
                break;
            }
        }
        assertTrue(first != null, "bank-non-atomic fails within 20 seeds");
        assertEquals(1, first.exit(), first.out());
        assertTrue(first.out().contains("outcome: VIOLATION of bank-conservation"), first.out());
        Matcher m = Pattern.compile("(?m)^repro: whopper (.*)$").matcher(first.out());
        assertTrue(m.find(), first.out());
        Run again = whopper(m.group(1).split(" "));
        assertEquals(1, again.exit());
        assertEquals(first.hash(), again.hash());
    }
}
