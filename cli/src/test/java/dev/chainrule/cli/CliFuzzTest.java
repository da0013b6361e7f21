package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzzer over the CLI's own entry point ({@link Main#run}): every input, however
 * malformed, ends in success (exit 0) or one clean diagnostic (exit 2) within a time limit, never
 * an internal error (exit 1) or a hang; and the Java that {@code generate} writes compiles.
 *
 * <p>Families, as an attacker or a careless user would type: token soup; grammar-generated
 * expressions for every command, with values, declarations and engines; mutations of the
 * documentation's examples; malformed {@code --at} JSON; {@code .calc} files with adversarial
 * names, generated and compiled with javac; pathological sizes and depths.
 *
 * <p>The build runs 10⁴ inputs (about half a minute); {@code -Pthorough} multiplies that by ten.
 * A long run in the background, from the repository root:
 * <pre>mvn -o -B -pl cli -am verify -Dtest=CliFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dchainrule.fuzz.inputs=1000000 -Dchainrule.fuzz.seed=$RANDOM &gt; fuzz.log 2&gt;&amp;1 &amp;</pre>
 * Every failure it finds is printed with its arguments, to become a named regression test.
 */
class CliFuzzTest {
    /** Far above what any input takes (the slowest take about a second): a hang guard, not a speed target. */
    private static final long LIMIT_SECONDS = 30;

    enum Family { SOUP, EXPRESSION, MUTATION, JSON, CALC, SIZE }

    enum Outcome { OK, USER_ERROR, INTERNAL_ERROR, TIMEOUT, DOES_NOT_COMPILE }

    @TempDir
    Path dir;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz");
        t.setDaemon(true);
        return t;
    });

    private static int inputs() {
        int multiplier = Integer.getInteger("chainrule.tries.multiplier", 1);
        return Integer.getInteger("chainrule.fuzz.inputs", 10_000) * multiplier;
    }

    @Test
    void everyInputEndsInAResultOrACleanDiagnostic() {
        long seed = Long.getLong("chainrule.fuzz.seed", 20_261_129L);
        int inputs = inputs();
        Random random = new Random(seed);
        Map<Family, Map<Outcome, Integer>> counts = new EnumMap<>(Family.class);
        Map<Family, Long> nanos = new EnumMap<>(Family.class);
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int k = 0; k < inputs; k++) {
            Family family = family(random);
            String[] args = new Inputs(random, dir).of(family);
            long began = System.nanoTime();
            Outcome outcome = run(args, family);
            nanos.merge(family, System.nanoTime() - began, Long::sum);
            counts.computeIfAbsent(family, f -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
            if (outcome != Outcome.OK && outcome != Outcome.USER_ERROR && failures.size() < 20) {
                failures.add(outcome + " (" + family + ", input " + k + "): " + describe(args) + "\n    " + lastError);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder summary = new StringBuilder(String.format("fuzz: %,d inputs in %.1f s, seed %d:", inputs, seconds, seed));
        counts.forEach((family, byOutcome) -> summary.append(' ').append(family).append(byOutcome)
                .append(String.format(" %.1f s", nanos.get(family) / 1e9)));
        System.out.println(summary);
        runner.shutdownNow();
        assertTrue(failures.isEmpty(), () -> summary + "\n" + String.join("\n", failures));
    }

    private static Family family(Random random) {
        int roll = random.nextInt(100);
        // Pathological sizes take 50 ms each, compiled classes 30 ms: rarer, so 10⁴ inputs take half a minute.
        return roll < 25 ? Family.SOUP : roll < 57 ? Family.EXPRESSION : roll < 79 ? Family.MUTATION
                : roll < 96 ? Family.JSON : roll < 99 ? Family.CALC : Family.SIZE;
    }

    /** What the last run wrote on stderr, first lines, to show with a failure. */
    private String lastError = "";

    private Outcome run(String[] args, Family family) {
        lastError = "";
        Future<CliRun> future = runner.submit(() -> CliRun.run(args));
        CliRun result;
        try {
            result = future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Outcome.TIMEOUT;
        } catch (ExecutionException e) {
            lastError = String.valueOf(e.getCause());
            return Outcome.INTERNAL_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        lastError = result.err().length() > 600 ? result.err().substring(0, 600) : result.err();
        if (result.status() == 1 || result.err().contains("internal error") || result.err().contains("\tat ")) {
            return Outcome.INTERNAL_ERROR;
        }
        if (result.status() != 0) {
            return Outcome.USER_ERROR;
        }
        if (family == Family.CALC && args[0].equals("generate")) {
            return compiles(Path.of(args[args.length - 1])) ? Outcome.OK : Outcome.DOES_NOT_COMPILE;
        }
        return Outcome.OK;
    }

    /** Whether javac accepts everything generate wrote under out. */
    private static boolean compiles(Path out) {
        List<String> args = new ArrayList<>(List.of("-d", out.resolveSibling(out.getFileName() + "-classes").toString(),
                "-Xlint:none", "-proc:none"));
        try (Stream<Path> files = Files.walk(out)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        boolean ok = javac.run(null, errors, errors, args.toArray(String[]::new)) == 0;
        if (!ok) {
            System.out.println("does not compile: " + errors.toString(StandardCharsets.UTF_8));
        }
        return ok;
    }

    private static String describe(String[] args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            String shown = arg.length() > 300 ? arg.substring(0, 300) + "…(" + arg.length() + " chars)" : arg;
            out.append(" '").append(shown.replace("'", "'\\''")).append('\'');
        }
        return "chainrule" + out;
    }

    /** One input of a family. */
    private static final class Inputs {
        private static final String[] SCALARS = {"a", "b", "c"};
        private static final String[] VECTORS = {"x", "y", "u", "v"};
        private static final String[] MATRICES = {"A", "B", "X", "D"};
        private static final String[] ELEMENTWISE = {"sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "abs", "sign",
            "arcsin", "arccos", "arctan", "relu", "sigmoid", "softplus", "step"};
        private static final String[] REDUCTIONS = {"sum", "norm1", "norm2", "tr", "det", "logdet", "inv", "diag", "vec",
            "softmax", "max", "foo"};
        private static final String[] BINARY = {"+", "-", "*", "/", ".*", "./", ".^", "^", "·", "⊙", "⊘", "∘", " . "};
        private static final String[] NUMBERS = {"0", "1", "2", "0.5", ".5", "1e308", "1e-320", "3", "1000", "007",
            "1e400", "2.5e2"};
        private static final String[] TOKENS = {"(", ")", "[", "]", ",", ";", "'", "ᵀ", "²", "³", "¹⁰", "+", "-", "−",
            "*", "/", ".*", "./", ".^", "^", "·", ".", "⊙", "⊘", "=", "{", "}", "\"", "\\", "\n", "\t", " ", "x", "A",
            "a", "sum", "dot", "eye", "vector", "matrix", "kron", "function", "package", "gradient", "wrt", "1", "0",
            "1e999", "NaN", "∞", "//", "/*", "*/", "\u0000", "\u202e", "😀", "_", "$", "@", "#", "tr", "inv", "diag"};
        /** The documentation's examples and the reproducers of past bugs, as a user types them. */
        private static final String[][] EXAMPLES = {
            {"grad", "x'*A*x", "--wrt", "x"},
            {"grad", "sum(log(1 + exp(-y .* (X*w))))", "--wrt", "w"},
            {"jacobian", "sigmoid(W*x + b)", "--wrt", "x", "--var", "b:vector[m]"},
            {"hessian", "log(sum(exp(x)))", "--wrt", "x"},
            {"hvp", "x'*A*x", "--wrt", "x"},
            {"grad", "logdet(X) - tr(X)", "--wrt", "X", "--format", "latex"},
            {"grad", "norm2(X*w - y)^2", "--wrt", "w", "--format", "json"},
            {"eval", "x'*A*x", "--at", "x=[1,2]", "--at", "A=[[1,2],[3,4]]", "--wrt", "x"},
            {"eval", "log(sum(exp(x)))", "--at", "x=[1000,1000]", "--engine", "compiled"},
            {"eval", "sum(X*w)", "--at", "X=[[1]]", "--at", "w=[1,1]", "--engine", "compiled"},
            {"eval", "det(u*uᵀ)", "--wrt", "u", "--at", "u=[1,2,3]"},
            {"eval", "k", "--wrt", "A", "--var", "A:matrix[k,k]", "--at", "A=[[1,2],[3,4]]"},
            {"hessian", "tr(B/dot(v,v))", "--wrt", "v"},
            {"jacobian", "inv(softplus(log(norm1(u))*D)*D)*v", "--wrt", "u"},
            {"hessian", "norm2(sum(y))", "--wrt", "y"},
            {"hessian", "sum(diag(B*y*B.^2*u))", "--wrt", "y"},
            {"hessian", "sum((c⊘X-b)*y')", "--wrt", "b"},
            {"grad", "dot(diag(v),diag(D)*A)", "--wrt", "D"},
            {"hessian", "norm2(b*B)^3", "--wrt", "b"},
            {"grad", "sum(vec(kron(A,A)))", "--var", "A:matrix[3,3]", "--wrt", "A"},
            {"eval", "sum(x)", "--at", "x=[1]", "--engine", "compiled", "--wrt", "x", "--var", "x:vector[3]"},
        };

        private final Random random;
        private final Path dir;

        Inputs(Random random, Path dir) {
            this.random = random;
            this.dir = dir;
        }

        String[] of(Family family) {
            return switch (family) {
                case SOUP -> soup();
                case EXPRESSION -> expressionCommand();
                case MUTATION -> mutation();
                case JSON -> json();
                case CALC -> calc();
                case SIZE -> size();
            };
        }

        private <T> T pick(T[] options) {
            return options[random.nextInt(options.length)];
        }

        private String soupText() {
            StringBuilder out = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                out.append(pick(TOKENS));
            }
            return out.toString();
        }

        private String[] soup() {
            String command = pick(new String[] {"grad", "jacobian", "hessian", "hvp", "eval", "check", "generate"});
            return switch (command) {
                case "check" -> new String[] {"check", write("soup" + random.nextInt(1000) + ".calc", soupText())};
                case "generate" -> new String[] {soupText(), soupText()};
                case "eval" -> new String[] {"eval", soupText(), "--at", pick(new String[] {"x=", "A=", ""}) + soupText()};
                default -> new String[] {command, soupText(), "--wrt", pick(new String[] {"x", "A", "a", "x,A", "", soupText()})};
            };
        }

        private String expression(int depth) {
            int roll = depth <= 0 ? random.nextInt(4) : random.nextInt(12);
            return switch (roll) {
                case 0 -> pick(SCALARS);
                case 1 -> pick(VECTORS);
                case 2 -> pick(MATRICES);
                case 3 -> random.nextInt(4) == 0 ? pick(new String[] {"eye", "vector(2)", "matrix(0)"}) : pick(NUMBERS);
                case 4, 5 -> pick(ELEMENTWISE) + "(" + expression(depth - 1) + ")";
                case 6, 7 -> "(" + expression(depth - 1) + ")" + pick(BINARY) + "(" + expression(depth - 1) + ")";
                case 8 -> expression(depth - 1) + pick(new String[] {"'", "ᵀ", "²", "³"});
                case 9 -> "-" + expression(depth - 1);
                case 10 -> pick(new String[] {"dot", "kron"}) + "(" + expression(depth - 1) + "," + expression(depth - 1) + ")";
                default -> pick(REDUCTIONS) + "(" + expression(depth - 1) + ")";
            };
        }

        /** A value for a variable, usually of the shape its name suggests, in sizes 1 to 3. */
        private String value(String name) {
            int n = 1 + random.nextInt(3);
            int m = 1 + random.nextInt(3);
            if (Arrays.asList(SCALARS).contains(name) && random.nextInt(8) > 0) {
                return number();
            }
            if (Arrays.asList(VECTORS).contains(name) && random.nextInt(8) > 0) {
                return vector(n);
            }
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(vector(m));
            }
            return out.append(']').toString();
        }

        private String vector(int n) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(number());
            }
            return out.append(']').toString();
        }

        private String number() {
            return pick(new String[] {"0", "1", "-1", "2", "0.5", "-3.25", "1e300", "-1e300", "1e-300", "1000", "-1000",
                "4", "7"});
        }

        private String[] expressionCommand() {
            String expression = expression(1 + random.nextInt(4));
            List<String> names = new ArrayList<>();
            for (String[] kind : List.of(SCALARS, VECTORS, MATRICES)) {
                for (String name : kind) {
                    if (expression.matches("(?s).*(?<![A-Za-z])" + name + "(?![A-Za-z]).*")) {
                        names.add(name);
                    }
                }
            }
            String wrt = names.isEmpty() || random.nextInt(10) == 0 ? pick(VECTORS) : names.get(random.nextInt(names.size()));
            List<String> args = new ArrayList<>();
            int command = random.nextInt(10);
            if (command < 5) {
                args.addAll(List.of(pick(new String[] {"grad", "jacobian", "hessian", "hvp"}), expression, "--wrt", wrt));
                if (random.nextInt(4) == 0) {
                    args.addAll(List.of("--format", pick(new String[] {"text", "latex", "ascii", "json", "xml"})));
                }
            } else {
                args.addAll(List.of("eval", expression));
                for (String name : names) {
                    if (random.nextInt(12) > 0) {
                        args.addAll(List.of("--at", name + "=" + value(name)));
                    }
                }
                if (random.nextBoolean()) {
                    args.addAll(List.of(pick(new String[] {"--wrt", "--wrt", "--jacobian", "--hessian"}), wrt));
                }
                if (random.nextInt(40) == 0) {
                    args.addAll(List.of("--engine", "compiled"));
                }
            }
            if (random.nextInt(6) == 0) {
                args.addAll(List.of("--var", pick(new String[] {"x:vector[3]", "A:symmetric[2]", "A:matrix[k,k]", "a:scalar",
                    "X:matrix[2,n]", "x:vector[0]", "x:vector[99999999999]", "x:tensor[2]", "x:vector[n"})));
            }
            return args.toArray(String[]::new);
        }

        private String[] mutation() {
            String[] args = pick(EXAMPLES).clone();
            // Never the command: 'serve' would start a server.
            int at = 1 + random.nextInt(args.length - 1);
            StringBuilder text = new StringBuilder(args[at]);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int position = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(position, pick(TOKENS));
                    case 1 -> {
                        if (position < text.length()) {
                            text.deleteCharAt(position);
                        }
                    }
                    default -> {
                        if (position < text.length()) {
                            text.setCharAt(position, pick(TOKENS).charAt(0));
                        }
                    }
                }
            }
            args[at] = text.toString();
            return args;
        }

        private String[] json() {
            String[] malformed = {"[1,2", "[[1,2],[3]]", "[[1],[2,3]]", "{}", "{\"a\":1}", "null", "true", "\"1\"", "[]",
                "[[]]", "[1,[2]]", "[[[1]]]", "1e999", "-", "[NaN]", "[Infinity]", "[1,,2]", "[1 2]", "0x10", "[1e308,1e308]",
                "", "=", "[\"a\"]", "[1]]", "[[1,2],[3,4]", "[-0]", "[1e-400]", "[" + "[".repeat(5000) + "1" + "]".repeat(5000) + "]"};
            String value = random.nextInt(3) == 0 ? soupText() : pick(malformed);
            String expression = pick(new String[] {"sum(x)", "x'*A*x", "a*b", "sum(A*x)", "tr(A)", "det(A)", "norm2(x)"});
            String name = pick(new String[] {"x", "A", "a", "b", "q", "", "x=1"});
            List<String> args = new ArrayList<>(List.of("eval", expression, "--at", name + "=" + value));
            if (random.nextBoolean()) {
                args.addAll(List.of("--at", pick(new String[] {"A=[[1,2],[3,4]]", "x=[1,2]", "b=1", "a", "=", "x=[1,2,3]"})));
            }
            if (random.nextInt(3) == 0) {
                args.addAll(List.of("--wrt", pick(new String[] {"x", "A", "a", "z"})));
            }
            if (random.nextInt(20) == 0) {
                args.addAll(List.of("--engine", "compiled"));
            }
            return args.toArray(String[]::new);
        }

        private String name() {
            String[] adversarial = {"math", "string", "illegal_argument_exception", "Math", "String", "Double", "Object",
                "_", "__", "_x", "value", "valueAndGradient", "grad_x", "checkLength", "hessianX", "class", "goto", "var",
                "record", "\u0870f", "ℵ", "ǅ", "x\u0660", "f", "a".repeat(256), "a".repeat(255), "this", "null", "main",
                "System", "length", "i", "n", "m", "sum", "exp", "e", "pi", "Integer", "Override", "result", "out"};
            return random.nextInt(4) == 0 ? "n" + random.nextInt(1000) : pick(adversarial);
        }

        private String[] calc() {
            String packageName = pick(new String[] {"p", "fz.goto", "_", "a.b.c", "java.lang", "p.Math", "math",
                "String", "p.\u0870", "ok.x1"});
            String function = name();
            String scalar = name();
            String vector = name();
            String dim = name();
            String local = name();
            StringBuilder calc = new StringBuilder();
            if (random.nextInt(4) > 0) {
                calc.append("package ").append(packageName).append(";\n");
            }
            calc.append("function ").append(function).append('(').append(scalar).append(": scalar, ").append(vector)
                    .append(": vector[").append(dim).append("]) =\n    ").append(local).append(" = ").append(scalar)
                    .append(" * ").append(vector).append(";\n    sum(exp(").append(local).append(")) + ")
                    .append(scalar).append("² + ").append(dim);
            String[] requests = {"gradient wrt " + vector, "gradient wrt " + scalar + ", " + vector,
                "hessian wrt " + scalar + ", " + vector, "jacobian wrt " + vector, "hvp wrt " + vector, "",
                "gradient wrt " + vector + " hessian wrt " + vector + " hessian wrt " + scalar};
            calc.append("\n    ").append(pick(requests)).append(";\n");
            if (random.nextBoolean()) {
                calc.append("function ").append(name()).append("(x: vector[n]) = log(sum(exp(x))) gradient wrt x;\n");
            }
            String file = write("f" + random.nextInt(1_000_000) + ".calc", calc.toString());
            Path out = dir.resolve("out" + random.nextInt(1_000_000_000));
            return random.nextInt(5) == 0 ? new String[] {"check", file} : new String[] {"generate", file, "--out", out.toString()};
        }

        private String[] size() {
            int n = pick(new Integer[] {1_000, 10_000, 46_341, 100_000});
            return switch (random.nextInt(7)) {
                case 0 -> new String[] {"grad", "(".repeat(n) + "x" + ")".repeat(n) + "'*x", "--wrt", "x"};
                case 1 -> new String[] {"grad", "sin(".repeat(Math.min(n, 1_000)) + "a" + ")".repeat(Math.min(n, 1_000)),
                    "--wrt", "a"};
                case 2 -> new String[] {"eval", "sum(diag(x))", "--at", "x=[" + "1,".repeat(Math.min(n, 50_000) - 1) + "1]"};
                case 3 -> new String[] {"eval", "sum(x*x')", "--at", "x=[" + "1,".repeat(Math.min(n, 50_000) - 1) + "1]"};
                case 4 -> new String[] {"grad", "sum(vec(kron(A,A)))", "--var", "A:matrix[" + n + "," + n + "]", "--wrt", "A"};
                case 5 -> new String[] {"jacobian", "kron(A,A)", "--var", "A:matrix[" + n + "," + n + "]", "--wrt", "A"};
                default -> new String[] {"eval", "x", "--var", "x:vector[" + n + "0000000]", "--at", "x=[1]"};
            };
        }

        private String write(String name, String content) {
            Path file = dir.resolve(name);
            try {
                Files.writeString(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file.toString();
        }
    }
}
