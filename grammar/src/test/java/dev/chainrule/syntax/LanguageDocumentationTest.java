package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/language.md cannot drift from the parser: every {@code calc} block in it parses, unless a
 * {@code text} block follows it, which must then be exactly what the parser reports; and every
 * row of the precedence examples groups as the page says.
 */
class LanguageDocumentationTest {
    private static final Pattern FENCE = Pattern.compile("(?m)^```([\\w-]*)\\n(.*?)^```\\n", Pattern.DOTALL);
    private static final Pattern GROUPING_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| `([^`]+)` \\|$");

    private record Block(String language, String text) {}

    private static String page() throws IOException {
        return Files.readString(Path.of("..", "docs", "language.md"));
    }

    private static List<Block> blocks(String page) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(page);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    @Test
    void everyCalcExampleParsesOrFailsExactlyAsShown() throws IOException {
        List<Block> blocks = blocks(page());
        int parsed = 0;
        int failed = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (!block.language().equals("calc")) {
                continue;
            }
            boolean outputFollows = i + 1 < blocks.size() && blocks.get(i + 1).language().equals("text");
            if (!outputFollows) {
                CalcSyntax.parseFile(new Source("language.md", block.text()));
                parsed++;
                continue;
            }
            String expected = blocks.get(i + 1).text().stripTrailing();
            String name = expected.substring(0, expected.indexOf(':'));
            CalcException e = assertThrows(CalcException.class,
                    () -> CalcSyntax.parseFile(new Source(name, block.text())), "the example should fail: " + name);
            assertEquals(expected, e.getMessage(), "the output shown for " + name);
            failed++;
        }
        assertTrue(parsed >= 5, "the page shows working examples");
        assertTrue(failed >= 3, "the page shows error output");
    }

    @Test
    void precedenceExamplesGroupAsShown() throws IOException {
        String page = page();
        String table = page.substring(page.indexOf("| expression | groups as |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Matcher row = GROUPING_ROW.matcher(table);
        int rows = 0;
        while (row.find()) {
            assertEquals(AstPrinter.parse(row.group(2)), AstPrinter.parse(row.group(1)), row.group(0));
            rows++;
        }
        assertTrue(rows >= 15, "the table has its rows");
    }

    @Test
    void everyKeywordListedIsReserved() throws IOException {
        String page = page();
        assertFalse(page.isEmpty());
        for (String keyword : List.of("package", "precision", "function", "gradient", "jacobian", "hessian", "wrt")) {
            assertTrue(page.contains("`" + keyword + "`"), keyword);
            assertThrows(CalcException.class, () -> CalcSyntax.parseExpression(keyword));
        }
    }
}
