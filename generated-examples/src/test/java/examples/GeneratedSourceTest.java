package examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What the committed generated code looks like where it matters for speed. */
class GeneratedSourceTest {
    /** A method of a generated class, public or private (the parts and bodies a public method calls). */
    private static final Pattern METHOD = Pattern.compile(
            "\\n    (?:public|private) (?:double|float|void) (\\w+)\\(.*?\\n    }\\n", Pattern.DOTALL);

    /** A public method: none may allocate (the private helpers that make exceptions do, on error paths only). */
    private static final Pattern PUBLIC_METHOD = Pattern.compile(
            "\\n    public (?:double|float|void) (\\w+)\\(.*?\\n    }\\n", Pattern.DOTALL);

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
                // An exception for a wrong argument is built only when the call fails, never on its way.
                String callPath = m.group().replaceAll("(throw|return) new IllegalArgumentException\\(", "");
                assertFalse(callPath.contains("new "), path + ": " + m.group(1) + " allocates:\n" + m.group());
            }
            assertFalse(methods == 0, "no public methods found in " + path);
        }));
    }

    /**
     * The method {@code name} of a generated class with the private methods it calls (its body
     * apart from the argument checks, or its parts), as one text.
     */
    private static String method(String file, String name) throws IOException {
        String source = Files.readString(Path.of("src", "main", "java", "examples").resolve(file));
        Map<String, String> methods = new LinkedHashMap<>();
        Matcher m = METHOD.matcher(source);
        while (m.find()) {
            methods.putIfAbsent(m.group(1), m.group()); // of overloads, the first: the whole call
        }
        if (!methods.containsKey(name)) {
            throw new AssertionError("no method " + name + " in " + file);
        }
        StringBuilder text = new StringBuilder(methods.get(name));
        Set<String> included = new HashSet<>(Set.of(name));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, String> method : methods.entrySet()) {
                if (!included.contains(method.getKey()) && text.indexOf(" " + method.getKey() + "(") >= 0) {
                    text.append(method.getValue());
                    included.add(method.getKey());
                    grew = true;
                }
            }
        }
        return text.toString();
    }

    /**
     * The loops over the samples: to N, or to {@code toRow} in the body over a range of rows that
     * the whole call of a sum over rows calls with the range 0 to N.
     */
    private static int samplePasses(String body) {
        return count(body, "< N; ") + count(body, "< toRow; ");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void thePaperLossAndItsGradientTakeOnePassOverTheSamples() throws IOException {
        String body = method("paper/Loss.java", "valueAndGradient");
        assertEquals(1, samplePasses(body), "loops over the N samples in:\n" + body);
    }

    @Test
    void logisticRegressionWithAPenaltyTakesOnePassOverTheSamplesAndNoSampleSizedWorkspace() throws IOException {
        String body = method("logistic/LogisticL2.java", "valueAndGradient");
        assertEquals(1, samplePasses(body), "loops over the N samples in:\n" + body);
        String source = Files.readString(Path.of("src", "main", "java", "examples", "logistic", "LogisticL2.java"));
        assertEquals(0, count(source, "new double[N]"), "an N-length workspace in:\n" + source);
    }

    @Test
    void logisticRegressionInFloatTakesOnePassOverFloatArraysAndHasNoDoubleArray() throws IOException {
        String body = method("single/LogisticLoss.java", "valueAndGradient");
        assertEquals(1, samplePasses(body), "loops over the N samples in:\n" + body);
        String source = Files.readString(Path.of("src", "main", "java", "examples", "single", "LogisticLoss.java"));
        // exp's table of 2^(j/64) is the one double array: e^x is computed in double, as Java has no float exp.
        assertEquals(3, count(source, "double[]"), "a double array in the float class:\n" + source);
        assertEquals(3, count(source, "double[] TWO_TO_SIXTY_FOURTHS") + count(source, "double[] twoToSixtyFourths()")
                + count(source, "double[] table = new double[64]"), source);
        assertTrue(source.contains("public float valueAndGradient(float[] w, float[] X, float[] y, float[] gradW)"), source);
    }

    @Test
    void theRidgeHessianComputesTheUpperTriangleOfAtransposeAInOnePassOverA() throws IOException {
        String body = method("ridge/Ridge.java", "hessianX");
        assertEquals(1, count(body, "< m; "), "passes over A's rows in:\n" + body);
        assertEquals(1, count(body, "for (int k = j; k < n; k++)"), "the upper triangle in:\n" + body);
        assertEquals(1, count(body, "for (int j = i + 1; j < n; j++)"), "the mirrored lower triangle in:\n" + body);
    }

    @Test
    void theSpringsFixedSizeCodeMultipliesByNoConstantZeroOrOneAndTestsNoConstant() throws IOException {
        String source = Files.readString(Path.of("src", "main", "java", "examples", "spring", "SpringEnergy.java"));
        Matcher m = METHOD.matcher(source);
        while (m.find()) {
            String body = m.group();
            for (String waste : List.of("* 0.0", "0.0 *", "* 1.0", "1.0 *", "+= 0.0", "!= 0.0", "for (")) {
                assertEquals(0, count(body, waste), "'" + waste + "' in " + m.group(1) + ":\n" + body);
            }
        }
    }
}
