package examples.usage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/testing.md shows the example tests as they are, so that what it shows compiles and passes.
 * They live here, beside the classes they test, so that the testing kit depends on no part of chainrule.
 */
class DocumentationTest {
    @ParameterizedTest
    @ValueSource(strings = {"LossGradientTest.java", "GradientCallbacksTest.java"})
    void theExamplesOnThePageAreTheExampleTests(String file) throws IOException {
        Path page = Path.of("..", "docs", "testing.md");
        String example = Files.readString(Path.of("src", "test", "java", "examples", "usage", file));
        assertTrue(Files.readString(page).contains("```java\n" + example + "```"),
                "docs/testing.md must show generated-examples/src/test/java/examples/usage/" + file + " verbatim");
    }
}
