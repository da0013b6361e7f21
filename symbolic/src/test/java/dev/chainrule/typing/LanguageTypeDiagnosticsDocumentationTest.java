package dev.chainrule.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The type errors docs/language.md shows cannot drift from the type checker: every
 * {@code calc-types} block parses, fails to check, and reports exactly the {@code text} block
 * after it. (The parser's own examples, {@code calc} blocks, are checked in the grammar module.)
 */
class LanguageTypeDiagnosticsDocumentationTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "(?m)^```calc-types\\n(.*?)^```\\n\\s*```text\\n(.*?)^```\\n", Pattern.DOTALL);

    @Test
    void everyTypeErrorExampleReportsExactlyWhatThePageShows() throws IOException {
        Matcher example = EXAMPLE.matcher(Files.readString(Path.of("..", "docs", "language.md")));
        int examples = 0;
        while (example.find()) {
            String expected = example.group(2).stripTrailing();
            String name = expected.substring(0, expected.indexOf(':'));
            Source source = new Source(name, example.group(1));
            CalcException e = assertThrows(CalcException.class,
                    () -> TypeChecker.file(CalcSyntax.parseFile(source)), "the example should fail: " + name);
            assertEquals(expected, e.getMessage(), "the output shown for " + name);
            examples++;
        }
        assertTrue(examples >= 1, "the page shows type errors");
    }
}
