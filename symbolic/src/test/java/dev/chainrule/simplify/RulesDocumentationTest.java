package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md lists every rewrite rule with its identity, so the page cannot fall behind the code. */
class RulesDocumentationTest {
    @Test
    void everyRuleIsDocumentedWithItsIdentity() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "rules.md"));
        for (Rule rule : Rules.ALL) {
            String row = "| `" + rule.name() + "` | " + rule.identity().replace("|", "\\|") + " |";
            assertTrue(page.contains(row), "docs/rules.md lacks the row: " + row);
        }
    }
}
