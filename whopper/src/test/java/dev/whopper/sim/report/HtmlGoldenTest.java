package dev.whopper.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.render.HtmlReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same HTML apart from its wall-clock figures (masked): compared with a golden file.
 * After a deliberate change of the page (or of the run), regenerate it with
 * {@code -Dwhopper.golden.update=true} and review the diff.
 */
class HtmlGoldenTest {
    static final String GOLDEN = "golden/report-bank-non-atomic-seed-1.html";

    @Test
    void sameSeedSameHtmlApartFromWallClockFigures() throws IOException {
        String first = HtmlReport.render(ReportFixtures.report(ReportFixtures.FAILING));
        String second = HtmlReport.render(ReportFixtures.report(ReportFixtures.FAILING));
        assertNotEquals(ReportFixtures.masked(first), first, "the page has wall-clock figures to mask");
        assertEquals(ReportFixtures.masked(first), ReportFixtures.masked(second));
        if (Boolean.getBoolean("whopper.golden.update")) {
            Path file = Path.of("src/test/resources").resolve(GOLDEN);
            Files.createDirectories(file.getParent());
            Files.writeString(file, ReportFixtures.masked(first), StandardCharsets.UTF_8);
            return; // written: the next build compares with it
        }
        String golden;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GOLDEN)) {
            assertTrue(in != null, GOLDEN + " missing (regenerate with -Dwhopper.golden.update=true)");
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(golden, ReportFixtures.masked(first), "the page of " + ReportFixtures.FAILING + " changed; "
            + "if that is meant, regenerate " + GOLDEN + " with -Dwhopper.golden.update=true and review the diff");
    }
}
