package dev.whopper.sim.engine;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import org.junit.jupiter.api.Test;

class BankExploreTest {
    @Test
    void explore() {
        String[] modes = {"none", "fast", "chaos", "ragnarok", "recovery-heavy"};
        for (String mode : modes) {
            for (int crashes : new int[] {0, 2}) {
                int fails = 0;
                for (long seed = 1; seed <= 30; seed++) {
                    boolean flips = !mode.equals("none") && !mode.equals("fast");
                    Simulation.Builder<?> b = BankWorkload.builder(8, 40, crashes, true).seed(seed).maxSteps(300_000);
                    if (!mode.equals("none")) b.faults(mode);
                    RunResult r = b.build().run();
                    if (r.kind() != Outcome.Kind.PASSED) {
                        fails++;
                        if (fails <= 2) System.out.println("MODE " + mode + " crashes " + crashes + "\n" + r.describe());
                    }
                }
                System.out.println("SUMMARY mode=" + mode + " crashes=" + crashes + " failing seeds: " + fails + "/30");
            }
        }
    }
}
