package examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed classes are exactly what chainrule generates from the committed .calc files today,
 * so that a change to the generator shows up as a reviewable diff of the examples.
 */
class GeneratedExamplesAreFreshTest {
    static final String REFRESH = "./chainrule generate generated-examples/src/main/calculus/*.calc "
            + "--out generated-examples/src/main/java";

    @TestFactory
    Stream<DynamicTest> everyCommittedClassMatchesTheGenerator() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src", "main", "calculus"))) {
            sources = files.filter(p -> p.toString().endsWith(".calc")).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no .calc sources found");
        return sources.stream().flatMap(source -> {
            try {
                Source text = new Source(source.toString(), Files.readString(source));
                List<JavaFile> classes = CodeGenerator.generate(TypeChecker.file(CalcSyntax.parseFile(text)));
                return classes.stream().map(file -> DynamicTest.dynamicTest(file.typeSpec().name(), () -> {
                    Path committed = Path.of("src", "main", "java")
                            .resolve(file.packageName().replace('.', '/'))
                            .resolve(file.typeSpec().name() + ".java");
                    String actual = Files.exists(committed) ? Files.readString(committed) : "(missing)";
                    assertEquals(file.toString(), actual, committed + " is stale; refresh the examples with: " + REFRESH);
                }));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
