package dev.chainrule.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * The screenshots in the README, docs/playground.md and docs/explain.md, taken with the browser the tests use. Runs
 * only when asked, since it writes into the source tree:
 * {@code mvn -o -q -pl serve -am verify -Dtest=ScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dchainrule.screenshots=$PWD/docs/images}.
 */
class ScreenshotsTest {

    @Test
    void takesTheLightAndDarkScreenshots() throws Exception {
        String folder = System.getProperty("chainrule.screenshots");
        assumeTrue(folder != null, "skipped: set -Dchainrule.screenshots=DIR to write the page's screenshots");
        Path dir = Files.createDirectories(Path.of(folder));
        try (Playground server = Playground.start(0, Limits.DEFAULT, new PrintStream(OutputStream.nullOutputStream()));
             HeadlessChromium browser = HeadlessChromium.start(1200, 1000)) {
            browser.driver.get(server.uri() + "#f=max%280%2C+w+.+x+%2B+b%29&d=gradient&wrt=w%2C+b");
            browser.await(d -> d.findElements(By.cssSelector(".derivative[data-id='gradient:b'] .katex")).size() == 1);
            browser.driver.findElement(By.id("seed")).sendKeys("1");
            browser.driver.findElement(By.id("random")).click();
            browser.await(d -> d.findElements(By.cssSelector("#numbers-result tr[data-id='gradient:b']")).size() == 1);
            for (String theme : List.of("light", "dark")) {
                browser.script("applyTheme(arguments[0])", theme);
                for (int fit = 0; fit < 2; fit++) {
                    long page = (Long) browser.script("return document.documentElement.scrollHeight");
                    long view = (Long) browser.script("return window.innerHeight");
                    Dimension window = browser.driver.manage().window().getSize();
                    browser.driver.manage().window().setSize(new Dimension(1200, (int) (window.height + page - view)));
                }
                browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
                byte[] png = browser.driver.getScreenshotAs(OutputType.BYTES);
                Path file = dir.resolve("playground-" + theme + ".png");
                Files.write(file, png);
                assertTrue(png.length > 10_000, file + " has an image");
            }
        }
    }

    @Test
    void takesTheDerivationStepsScreenshot() throws Exception {
        String folder = System.getProperty("chainrule.screenshots");
        assumeTrue(folder != null, "skipped: set -Dchainrule.screenshots=DIR to write the page's screenshots");
        Path dir = Files.createDirectories(Path.of(folder));
        try (Playground server = Playground.start(0, Limits.DEFAULT, new PrintStream(OutputStream.nullOutputStream()));
             HeadlessChromium browser = HeadlessChromium.start(1000, 3000)) {
            browser.driver.get(server.uri() + "#f=max%280%2C+w+.+x+%2B+b%29&d=gradient&wrt=w");
            browser.await(d -> d.findElements(By.cssSelector("#steps-body li.step[data-kind='result'] .katex")).size() == 1);
            browser.script("applyTheme('light')");
            browser.driver.findElement(By.cssSelector("#steps summary")).click();
            byte[] png = browser.driver.findElement(By.id("steps-section")).getScreenshotAs(OutputType.BYTES);
            Path file = dir.resolve("playground-steps.png");
            Files.write(file, png);
            assertTrue(png.length > 10_000, file + " has an image");
        }
    }
}
