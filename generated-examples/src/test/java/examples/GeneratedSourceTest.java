package examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What the committed generated code looks like where it matters for speed. */
class GeneratedSourceTest {
    private static final Pattern PUBLIC_METHOD = Pattern.compile(
            "\\n    public (?:double|void) (\\w+)\\(.*?\\n    }\\n", Pattern.DOTALL);

    private static List<Path> generatedClasses() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java", "examples"))) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/app/")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> noCallAllocates() throws IOException {
        return generatedClasses().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            Matcher m = PUBLIC_METHOD.matcher(Files.readString(path));
            int methods = 0;
            while (m.find()) {
                methods++;
                assertFalse(m.group().contains("new "), path + ": " + m.group(1) + " allocates:\n" + m.group());
            }
            assertFalse(methods == 0, "no public methods found in " + path);
        }));
    }

    @Test
    void thePaperLossAndItsGradientTakeOnePassOverTheSamples() throws IOException {
        String source = Files.readString(Path.of("src", "main", "java", "examples", "paper", "Loss.java"));
        Matcher m = PUBLIC_METHOD.matcher(source);
        String body = null;
        while (m.find()) {
            if (m.group(1).equals("valueAndGradient")) {
                body = m.group();
            }
        }
        assertEquals(1, body.split("< N; ", -1).length - 1, "loops over the N samples in:\n" + body);
    }
}
