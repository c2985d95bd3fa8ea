package dev.whopper.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/whopper} runs the jar from a checkout, and a repro line it prints runs as printed (with
 * {@code bin/} on the PATH) to the same trace hash. Lives in {@code bench} because the whopper module's jar is
 * packaged by the time this module's tests run.
 */
class LauncherScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", ROOT.resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        pb.environment().remove("SEED");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/whopper did not finish");
        assertEquals(1, p.exitValue(), out); // the lost update is found: exit 1
        return out;
    }

    private static String hash(String out) {
        Matcher m = Pattern.compile("(?m)^trace hash: ([0-9a-f]{16})$").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void theLauncherRunsAndItsReproLineRunsAsPrinted() throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(ROOT.resolve("whopper/target/whopper.jar")),
            "whopper/target/whopper.jar is not built (run mvn package first)");
        String out = run(List.of("bash", "bin/whopper", "run", "--seed", "3", "--workload", "lost-update",
            "--connections", "3", "--steps", "2000"));
        Matcher repro = Pattern.compile("(?m)^repro: (whopper run .*)$").matcher(out);
        assertTrue(repro.find(), out);
        String again = run(List.of("bash", "-c", repro.group(1)));
        assertEquals(hash(out), hash(again));
    }
}
