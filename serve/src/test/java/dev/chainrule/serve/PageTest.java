package dev.chainrule.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** The page in a real headless Chromium: what a person sees and does, checked in the rendered DOM. */
class PageTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static Playground server;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        server = Playground.start(0, Limits.DEFAULT, new PrintStream(LOG, true, StandardCharsets.UTF_8));
        browser = HeadlessChromium.start(1280, 1600);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
            assertEquals("", LOG.toString(StandardCharsets.UTF_8), "no internal error was logged");
        }
    }

    @BeforeEach
    void openThePage() {
        browser.driver.get(server.uri() + "#f=&wrt=");
        browser.driver.navigate().refresh();
        browser.await(d -> d.findElement(By.id("expression")).isDisplayed());
        // Granted for the page's origin, so that a test can read back what the page copied.
        browser.driver.setPermission("clipboard-read", "granted");
        browser.driver.setPermission("clipboard-write", "granted");
    }

    private WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private List<WebElement> all(String css) {
        return browser.driver.findElements(By.cssSelector(css));
    }

    private void type(String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    private WebElement awaitDerivative(String id) {
        return browser.await(d -> {
            List<WebElement> math = d.findElements(By.cssSelector(".derivative[data-id='" + id + "'] .katex"));
            return math.isEmpty() ? null : math.get(0);
        });
    }

    @Test
    void typesetsTheGradientOfThePapersNeuron() {
        type("expression", "max(0, w . x + b)");
        type("wrt", "w");
        WebElement katex = awaitDerivative("gradient:w");
        // KaTeX's rendering: the TeX it typeset (in its MathML annotation) and the fraction it drew.
        String tex = (String) browser.script("return arguments[0].querySelector('annotation').textContent", katex);
        assertEquals("\\frac{\\partial f}{\\partial w} = \\operatorname{step}(w^{\\top} x + b) x", tex);
        WebElement fraction = katex.findElement(By.cssSelector(".katex-html .mfrac"));
        String drawn = fraction.getText().replaceAll("\\s+", "");
        assertTrue(drawn.contains("∂f") && drawn.contains("∂w"), drawn);
        assertTrue(katex.findElement(By.cssSelector(".katex-html")).getText().contains("step"));
        assertEquals("f=max(0,w⊤x+b)", find(".restated .katex-html").getText().replaceAll("\\s+", ""));
        assertEquals("with w: vector[n], x: vector[n], b: scalar", find(".shapes").getText());
        assertEquals("Gradient in the shape of w · vector[n]", find(".derivative .convention").getText());
        assertTrue(browser.driver.getCurrentUrl().endsWith("#f=max%280%2C+w+.+x+%2B+b%29&d=gradient&wrt=w"),
                browser.driver.getCurrentUrl());
    }

    @Test
    void showsADiagnosticAtItsPlaceAndGoesThere() {
        type("expression", "max(0, w . x + b");
        WebElement problem = browser.await(d -> {
            List<WebElement> p = d.findElements(By.cssSelector("#problems-expression .problem"));
            return p.isEmpty() ? null : p.get(0);
        });
        assertEquals("1:17", problem.findElement(By.cssSelector(".where")).getText());
        assertTrue(problem.findElement(By.cssSelector(".message")).getText().startsWith("unexpected end of input"));
        assertEquals("true", find("#expression").getAttribute("aria-invalid"));
        assertEquals("max(0, w . x + b", problem.findElement(By.cssSelector("pre.source")).getText().strip());

        type("expression", "x .* y");
        type("declarations", "x: vector[m], y: vector[n]");
        type("wrt", "x");
        WebElement mismatch = browser.await(d -> {
            List<WebElement> p = d.findElements(By.cssSelector("#problems-expression .problem .message"));
            return p.isEmpty() || !p.get(0).getText().contains("vector[m]") ? null : p.get(0);
        });
        assertTrue(mismatch.getText().contains("vector[m] and vector[n]"), mismatch.getText());
        String marked = find("#problems-expression mark").getText();
        assertFalse(marked.isBlank());
        assertTrue("x .* y".contains(marked), marked);

        type("declarations", "");
        type("expression", "x' * y");
        type("wrt", "x, zz");
        WebElement where = browser.await(d -> {
            List<WebElement> p = d.findElements(By.cssSelector("#problems-wrt .where"));
            return p.isEmpty() ? null : p.get(0);
        });
        assertEquals("zz", find("#problems-wrt mark").getText());
        where.click();
        assertEquals("wrt", browser.script("return document.activeElement.id"));
        assertEquals(List.of(3L, 5L), browser.script(
                "const e = document.activeElement; return [e.selectionStart, e.selectionEnd]"));
        assertTrue(find("#results").getAttribute("class").contains("stale"), "old results are marked stale");
    }

    @Test
    void copiesTheJavaClass() {
        type("expression", "x' * A * x");
        type("wrt", "x");
        awaitDerivative("gradient:x");
        WebElement copy = browser.await(d -> {
            WebElement b = d.findElement(By.id("copy-java"));
            return b.isEnabled() ? b : null;
        });
        String shown = find("#java").getAttribute("textContent");
        assertTrue(shown.contains("public final class F {"), shown);
        assertFalse(all("#java .tok-kw").isEmpty(), "keywords are highlighted");
        copy.click();
        browser.await(d -> "Copied ✓".equals(d.findElement(By.id("copy-java")).getText()));
        Object clipboard = browser.driver.executeAsyncScript(
                "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));");
        assertEquals(shown.strip(), ((String) clipboard).strip());
        assertTrue(find("#announce").getAttribute("textContent").startsWith("Copied the Java class ("));
    }

    @Test
    void fillsRandomNumbersAndInterpreterAndCompiledAgree() {
        type("expression", "max(0, w . x + b)");
        type("wrt", "w");
        awaitDerivative("gradient:w");
        type("seed", "17");
        find("#random").click();
        browser.await(d -> d.findElements(By.cssSelector("#numbers-result tr[data-id='gradient:w']")).size() == 1);
        assertTrue(find("#numbers-status").getText().startsWith("Random values from seed 17"));
        String w = find("#value-w").getAttribute("value");
        assertTrue(w.matches("\\[-?\\d.*\\]"), w);
        for (String id : List.of("value", "gradient:w")) {
            WebElement row = find("#numbers-result tr[data-id='" + id + "']");
            List<WebElement> differences = row.findElements(By.cssSelector("td[data-agree]"));
            assertFalse(differences.isEmpty(), id);
            for (WebElement difference : differences) {
                assertEquals("true", difference.getAttribute("data-agree"), id + ": " + row.getText());
            }
            assertEquals(row.findElement(By.cssSelector("td.interpreter")).getText(),
                    row.findElement(By.cssSelector("td.compiled")).getText());
        }
        assertTrue(all("td.disagree").isEmpty());

        // Typed values, and Ctrl+Enter from the keyboard.
        WebElement b = find("#value-b");
        b.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE, "100");
        b.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.await(d -> d.findElement(By.id("numbers-status")).getText().startsWith("Evaluated at the values typed"));
        String value = find("#numbers-result tr[data-id='value'] td.interpreter").getText();
        double expected = (Double) browser.script("const w = JSON.parse(document.getElementById('value-w').value);"
                + "const x = JSON.parse(document.getElementById('value-x').value);"
                + "return Math.max(0, w.reduce((s, wi, i) => s + wi * x[i], 0) + 100);");
        assertEquals(expected, Double.parseDouble(value), 1e-3);
    }

    @Test
    void showsTheDerivationStepsFoldedAndTypesetWhenUnfolded() {
        type("expression", "max(0, w . x + b)");
        type("wrt", "w");
        awaitDerivative("gradient:w");
        WebElement steps = find("#steps");
        assertNull(steps.getAttribute("open"), "folded by default");
        browser.await(d -> d.findElements(By.cssSelector("#steps-body li.step .katex")).size() >= 9);
        WebElement dot = all("#steps-body li.step").stream()
                .filter(li -> li.getAttribute("textContent").contains("dot product")).findFirst().orElseThrow();
        assertFalse(dot.isDisplayed(), "nothing shows while folded");

        find("#steps summary").click();
        assertEquals("true", steps.getAttribute("open"));
        assertTrue(dot.isDisplayed());
        // KaTeX typeset the step (its MathML keeps the TeX) and drew the fraction ∂u1/∂w.
        assertEquals("\\frac{\\partial u_{1}}{\\partial w} = x^{\\top}", (String) browser.script(
                "return arguments[0].querySelector('annotation').textContent", dot));
        assertTrue(dot.findElement(By.cssSelector(".katex-html .mfrac")).getText().replaceAll("\\s+", "").contains("∂u"));
        assertEquals("dot product · §4.4 · vector[n]'", dot.findElement(By.cssSelector(".convention")).getText());
        List<String> headings = all("#steps-body .steps-heading").stream().map(WebElement::getText).toList();
        assertEquals(List.of("Intermediate variables", "Local derivatives", "Chain rule, backwards from f",
                "Substitution and simplification", "Result"), headings);
        WebElement result = all("#steps-body li.step[data-kind='result']").get(0);
        assertTrue(result.getText().contains("as chainrule grad prints it"), result.getText());
    }

    @Test
    void aLinkRestoresTheInputAndTheThemeIsRemembered() {
        type("expression", "sin(A*x)");
        new org.openqa.selenium.support.ui.Select(find("#derivative")).selectByValue("jacobian");
        type("wrt", "x");
        type("declarations", "A: matrix[m,n]");
        awaitDerivative("jacobian:x");
        String link = browser.driver.getCurrentUrl();
        find("#theme").click();
        assertEquals("dark", browser.script("return document.documentElement.dataset.theme"));

        browser.driver.get("about:blank");
        browser.driver.get(link);
        WebElement jacobian = awaitDerivative("jacobian:x");
        assertEquals("sin(A*x)", find("#expression").getAttribute("value"));
        assertEquals("jacobian", find("#derivative").getAttribute("value"));
        assertEquals("A: matrix[m,n]", find("#declarations").getAttribute("value"));
        assertTrue(jacobian.getText().contains("cos"), jacobian.getText());
        assertEquals("dark", browser.script("return document.documentElement.dataset.theme"));
        find("#theme").click();
        assertEquals("light", browser.script("return document.documentElement.dataset.theme"));
    }

    @Test
    void isUsableFromTheKeyboardAndOnANarrowWindow() {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(380, 900));
        try {
            type("expression", "sum(x .^ 2)");
            type("wrt", "x");
            awaitDerivative("gradient:x");
            assertEquals(Boolean.TRUE, browser.script(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                    "no sideways scrolling of the page at 380 pixels");
            // Tab from the expression reaches the derivative kind and then the variables.
            find("#expression").sendKeys(Keys.TAB);
            assertEquals("derivative", browser.script("return document.activeElement.id"));
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            assertEquals("wrt", browser.script("return document.activeElement.id"));
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1600));
        }
        List<LogEntry> errors = browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                        && !e.getMessage().contains("Failed to load resource")).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "no script errors");
    }
}
