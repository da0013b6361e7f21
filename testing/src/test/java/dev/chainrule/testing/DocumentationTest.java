package dev.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing.md shows the example test as it is. */
class DocumentationTest {
    @Test
    void theExampleOnThePageIsTheExampleTest() throws IOException {
        Path page = Path.of("..", "docs", "testing.md");
        String example = Files.readString(Path.of("src", "test", "java", "examples", "usage", "LossGradientTest.java"));
        assertTrue(Files.readString(page).contains("```java\n" + example + "```"),
                "docs/testing.md must show testing/src/test/java/examples/usage/LossGradientTest.java verbatim");
    }
}
