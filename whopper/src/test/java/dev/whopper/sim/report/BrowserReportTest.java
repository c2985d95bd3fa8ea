package dev.whopper.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.render.HtmlReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in a real browser: Debian's headless Chromium through its chromedriver (Selenium). Loads a
 * failing and a passing report from {@code file://}: no console errors, charts with a size, the copy button
 * and the expanding sections work; screenshots go to {@code target/screenshots/}. Skipped, saying why, only
 * where no browser is installed, never when the environment variable {@code CI} is set (it fails there:
 * {@code .ci/run} installs {@code chromium} and {@code chromium-driver}).
 */
class BrowserReportTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path OUT = Path.of("target/screenshots");
    private static ChromeDriver driver;

    @BeforeAll
    static void browser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String why = "no browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why + "; CI is set, so this fails instead of skipping");
            }
            Assumptions.abort(why + "; skipped outside CI");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1280,2200", "--allow-file-access-from-files", "--no-first-run", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static Path page(String name, RunReport report) throws Exception {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".html").toAbsolutePath();
        HtmlReport.write(report, file);
        return file;
    }

    private static void load(Path file) {
        driver.get(file.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> ((ChromeDriver) d)
            .executeScript("return document.readyState").equals("complete"));
    }

    private static List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return errors;
    }

    private static void chartsHaveASize() {
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertFalse(charts.isEmpty());
        for (WebElement c : charts) {
            Dimension size = c.getSize();
            assertTrue(size.getWidth() > 0 && size.getHeight() > 0, c.getAttribute("id") + ": " + size);
        }
    }

    private static void copyButtonWorks() {
        WebElement status = driver.findElement(By.id("copy-status"));
        assertEquals("", status.getText());
        driver.findElement(By.id("copy-repro")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !status.getText().isEmpty());
        assertEquals("Copied", status.getText());
    }

    private static void screenshot(String name) throws Exception {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(OUT.resolve(name + ".png"), png);
        assertTrue(png.length > 10_000, "a real screenshot");
    }

    @Test
    void aFailingReportWorksInTheBrowser() throws Exception {
        load(page("failing-report", ReportFixtures.report(ReportFixtures.FAILING)));
        assertEquals(List.of(), consoleErrors());
        assertEquals("VIOLATION", driver.findElement(By.id("verdict")).getAttribute("data-outcome"));
        chartsHaveASize();
        WebElement timeline = driver.findElement(By.id("timeline-0"));
        assertTrue(timeline.getSize().getWidth() > 200 && timeline.getSize().getHeight() > 100, "" + timeline.getSize());
        WebElement details = driver.findElement(By.id("events-0"));
        WebElement firstRow = details.findElement(By.cssSelector("tbody tr"));
        assertNull(details.getAttribute("open"));
        assertFalse(firstRow.isDisplayed(), "collapsed at first");
        details.findElement(By.tagName("summary")).click();
        assertEquals("true", details.getAttribute("open"));
        assertTrue(firstRow.isDisplayed(), "expanded by a click");
        copyButtonWorks();
        screenshot("failing-report");
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void aPassingReportWorksInTheBrowser() throws Exception {
        load(page("passing-report", ReportFixtures.report(ReportFixtures.PASSING)));
        assertEquals(List.of(), consoleErrors());
        assertEquals("PASSED", driver.findElement(By.id("verdict")).getAttribute("data-outcome"));
        chartsHaveASize();
        assertTrue(driver.findElement(By.id("fault-chart")).getSize().getHeight() > 0);
        WebElement faults = driver.findElement(By.id("fault-list"));
        faults.findElement(By.tagName("summary")).click();
        assertTrue(faults.findElement(By.cssSelector("tbody tr")).isDisplayed());
        copyButtonWorks();
        screenshot("passing-report");
        Map<?, ?> metrics = (Map<?, ?>) driver.executeScript(
            "return {scripts: document.scripts.length, external: document.querySelectorAll('[src],link').length}");
        assertEquals(1L, metrics.get("scripts"));
        assertEquals(0L, metrics.get("external"));
    }
}
