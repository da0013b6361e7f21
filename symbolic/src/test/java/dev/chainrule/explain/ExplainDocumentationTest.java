package dev.chainrule.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/explain.md names every rule a derivation can give, with its section, so the page cannot fall behind the code. */
class ExplainDocumentationTest {
    @Test
    void everyRuleIsDocumentedWithItsSection() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "explain.md"));
        List<LocalRules.Rule> rules = new ArrayList<>(LocalRules.ALL);
        rules.addAll(List.of(ChainRules.SINGLE_VARIABLE, ChainRules.TOTAL_DERIVATIVE, ChainRules.VECTOR));
        for (LocalRules.Rule rule : rules) {
            String row = "| `" + rule.name() + "` | " + (rule.section() == null ? "|" : rule.section() + " |");
            assertTrue(page.contains(row), "docs/explain.md lacks the row: " + row);
        }
        assertTrue(page.contains(ChainRules.SYMMETRIC.substring(2)), "the symmetric variable's note");
    }
}
