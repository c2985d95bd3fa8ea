package dev.whopper.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The paired overhead tool's report and its errors (what it measures is not asserted: no timed tests). */
class SchedulerOverheadTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = SchedulerOverhead.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void reportsOneRowPerFiberCountWithEachVariantsRatioToTheBareLoop() {
        Run r = run("--fibers", "2,3", "--rounds", "3", "--warmup-rounds", "0", "--round-ms", "2", "--segment-steps", "100");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].startsWith("variants take turns every 100 steps; 3 rounds of 2 ms (+0 warm-up) per row"), lines[0]);
        Pattern cell = Pattern.compile("(\\d+\\.\\d\\d) \\((\\d+\\.\\d\\d)x \\[(\\d+\\.\\d\\d)-(\\d+\\.\\d\\d)\\]\\)");
        for (int row = 0; row < 2; row++) {
            String line = lines[2 + row];
            assertTrue(line.startsWith(row == 0 ? "2 " : "3 "), line);
            Matcher m = cell.matcher(line);
            int cells = 0;
            while (m.find()) {
                cells++;
                double min = Double.parseDouble(m.group(3));
                double median = Double.parseDouble(m.group(2));
                double max = Double.parseDouble(m.group(4));
                assertTrue(Double.parseDouble(m.group(1)) > 0, line);
                assertTrue(min <= median && median <= max, "median within its range: " + line);
            }
            assertEquals(3, cells, "minimal, random and round-robin: " + line);
        }
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, SchedulerOverhead.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, SchedulerOverhead.median(new double[] {5, 3, 1}));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--rounds=0|rounds: 0 (expected: > 0)",
        "--round-ms=-1|round-ms: -1 (expected: > 0)",
        "--segment-steps=0|segment-steps: 0 (expected: > 0)",
        "--fibers=2,0|fibers: 0 (expected: > 0)",
        "--warmup-rounds=-2|warmup-rounds: -2 (expected: >= 0)",
        "--rounds=x|Invalid value for option '--rounds': 'x' is not an int"})
    void badInputIsOneLineAndExitCode2(String arg, String message) {
        Run r = run(arg);
        assertEquals(2, r.exit());
        assertEquals("scheduler-overhead: " + message + "\n", r.err());
        assertEquals("", r.out());
    }
}
