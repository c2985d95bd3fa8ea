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

/**
 * The many-fibers tool's paired report, the memory-latency tool's report, and their argument errors (what
 * they measure is not asserted: no timed tests).
 */
class ManyFibersTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void thePairedReportHasARowPerCountTheFirstTheBaselineOfEachRatio() {
        Run r = run(ManyFibers.commandLine(), "--fibers", "4,40", "--steps", "2000", "--rounds", "3");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(5, lines.length, r.out());
        assertEquals("workload wait, paired: 3 rounds of 2000 steps per count (after one run and 10 rounds for warm-up)", lines[0]);
        Pattern row = Pattern.compile("^(\\d+) +(\\d+) +(\\d+\\.\\d\\d) +\\[(\\d+\\.\\d\\d)-(\\d+\\.\\d\\d)\\] +\\| +(\\d+) +"
            + "(\\d+\\.\\d\\d) +\\[(\\d+\\.\\d\\d)-(\\d+\\.\\d\\d)\\] +\\| (\\d+), (\\d+\\.\\d\\d)$");
        for (int k = 0; k < 2; k++) {
            Matcher m = row.matcher(lines[2 + k]);
            assertTrue(m.matches(), lines[2 + k]);
            assertEquals(k == 0 ? "4" : "40", m.group(1));
            for (int g : new int[] {3, 7}) {
                double median = Double.parseDouble(m.group(g));
                assertTrue(Double.parseDouble(m.group(g + 1)) <= median && median <= Double.parseDouble(m.group(g + 2)),
                    "median within its range: " + lines[2 + k]);
            }
            if (k == 0) {
                assertEquals("1.00", m.group(3), "the first count is every ratio's baseline");
                assertEquals("1.00", m.group(7));
                assertEquals("1.00", m.group(11));
            }
        }
        Matcher verdict = Pattern.compile("^verdict \\(issue 10 item 8, workload wait\\): 40 fibers / 4 fibers = (\\d+\\.\\d\\d)x CPU time per"
            + " step, median of 3 rounds \\[[0-9.]+-[0-9.]+\\] \\(target <= 2\\.0x\\): (MET|NOT MET)$").matcher(lines[4]);
        assertTrue(verdict.matches(), lines[4]);
        assertEquals(Double.parseDouble(verdict.group(1)) <= 2.0 ? "MET" : "NOT MET", verdict.group(2));
        assertTrue(lines[3].contains(" " + verdict.group(1) + " "), "the verdict is the last row's CPU ratio: " + lines[3]);
    }

    @Test
    void theTrivialSleepWorkloadGivesThePairedReportAndItsVerdict() {
        Run r = run(ManyFibers.commandLine(), "--workload", "sleep", "--fibers", "4,40", "--steps", "2000", "--rounds", "3",
            "--warmup-rounds", "2");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(5, lines.length, r.out());
        assertEquals("workload sleep, paired: 3 rounds of 2000 steps per count (after one run and 2 rounds for warm-up)", lines[0]);
        assertTrue(lines[4].startsWith("verdict (issue 10 item 8, workload sleep): 40 fibers / 4 fibers = "), lines[4]);
    }

    @Test
    void theFloorFollowsThePairedReportWithItsOwnRowsAndVerdict() {
        Run r = run(ManyFibers.commandLine(), "--workload", "sleep", "--fibers", "4,40", "--steps", "2000", "--rounds", "3",
            "--floor");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(10, lines.length, r.out());
        Matcher header = Pattern.compile("^floor: an ideal step \\(StepFloor: a random fiber's state and operation, (\\d+) work"
            + " iterations, as costly as the scheduler's step at 4 fibers\\)$").matcher(lines[5]);
        assertTrue(header.matches(), lines[5]);
        assertTrue(lines[7].matches("^4 +\\d+ +1\\.00 +\\[1\\.00-1\\.00\\]$"), lines[7]);
        assertTrue(lines[8].matches("^40 +\\d+ +\\d+\\.\\d\\d +\\[[0-9.]+-[0-9.]+\\]$"), lines[8]);
        Matcher verdict = Pattern.compile("^verdict .* = (\\d+\\.\\d\\d)x CPU time per step.*$").matcher(lines[4]);
        assertTrue(verdict.matches(), lines[4]);
        assertTrue(lines[9].startsWith("floor verdict: an ideal step at 40 fibers / 4 fibers = "), lines[9]);
        assertTrue(lines[9].contains("the scheduler's " + verdict.group(1) + "x is "), lines[9]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--floor|--rounds=0|floor: needs --rounds > 0 and the wait or sleep workload",
        "--warmup-rounds|-1|warmup-rounds: -1 (expected: >= 0)",
        "--rounds|-1|rounds: -1 (expected: >= 0)",
        "--steps|0|steps: 0 (expected: > 0)",
        "--fibers|100,0|fibers: 0 (expected: > 0)",
        "--workload|bnak|workload: bnak (expected: wait, sleep or bank)"})
    void badArgumentsAreOneLineAndExitCode2(String option, String value, String message) {
        Run r = run(ManyFibers.commandLine(), option, value);
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith(message + System.lineSeparator()), r.err());
        assertEquals("", r.out());
    }

    @Test
    void theStepFloorChecksItsArgumentsAndCalibratesToSomeWork() {
        IllegalArgumentException noFibers = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new StepFloor(0, 0));
        assertEquals("fibers: 0 (expected: > 0)", noFibers.getMessage());
        StepFloor floor = new StepFloor(8, 3);
        assertEquals(8, floor.fibers());
        assertEquals(3, floor.work());
        IllegalArgumentException negative = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> floor.work(-1));
        assertEquals("work: -1 (expected: >= 0)", negative.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> floor.calibrate(0, 1000));
        int work = floor.calibrate(1_000, 2_000); // a microsecond a step: some work, however fast the machine
        assertTrue(work > 0, "work " + work);
        assertEquals(work, floor.work());
    }

    @Test
    void memoryLatencyReportsOneRowPerSizeAndRefusesSizesOutOfRange() {
        Run r = run(MemoryLatency.commandLine(), "--sizes-mb", "1,2", "--loads", "1000");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[1].matches("1 +\\d+\\.\\d"), lines[1]);
        assertTrue(lines[2].matches("2 +\\d+\\.\\d"), lines[2]);
        Run bad = run(MemoryLatency.commandLine(), "--sizes-mb", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("sizes-mb: 0 (expected: 1..1024)"), bad.err());
        Run noLoads = run(MemoryLatency.commandLine(), "--loads", "0");
        assertEquals(2, noLoads.exit());
        assertTrue(noLoads.err().startsWith("loads: 0 (expected: > 0)"), noLoads.err());
    }
}
