package dev.chainrule.tests;

import dev.chainrule.derive.DerivativeException;
import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.simplify.Simplifier;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcFile;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.testing.property.Gen;
import dev.chainrule.testing.property.Property;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input is reported, never crashed on: for any string, as an expression or as a file, the
 * parser and the type checker throw nothing but {@link CalcException}; and whatever they accept
 * simplifies, differentiates (or throws {@link DerivativeException}) and prints.
 */
class ParserPropertiesTest {
    static final int TRIES = 1000;

    /** Pieces of the language and of what is not the language, to make strings of. */
    static final List<String> TOKENS = List.of(
            "x", "y", "w", "A", "X", "a", "b", "n", "N", "eye", "α", "x_hat", "0", "1", "2", "2.5", "1e-3", ".5", "1.e3",
            "007", "1e999", "(", ")", "[", "]", ",", ";", ":", "=", "+", "-", "*", "/", ".*", "./", ".^", "^", "'", "ᵀ",
            "²", "³", "¹⁰", "·", "⊙", "∘", "⊘", "−", ".", "sum", "norm1", "norm2", "logsumexp", "tr", "det", "logdet",
            "inv", "diag", "dot", "max", "vector", "matrix", "scalar", "exp", "log", "sin", "sqrt", "relu", "step",
            "sigmoid", "function", "gradient", "jacobian", "hessian", "wrt", "package", "//", "/*", "*/", "\n", "\r\n",
            "\t", " ", "  ", "$", "#", "%", "\"", "\\", "\u200b", "\u00a0", "é", "\uD83D\uDE00", "\u0000", "\uD800",
            "x₁", "x\u0302", "vector[n]", "matrix[m, n]", "matrix[3", "[0]", "f(x: vector[n]) =");

    @Test
    void randomStringsAreReportedNeverCrashedOn() {
        Gen<String> strings = Gen.lists(Gen.elements(TOKENS.toArray(String[]::new)), 0, 40)
                .flatMap(tokens -> Gen.booleans().map(spaced -> String.join(spaced ? " " : "", tokens)));
        Property.forAll("any string: only CalcException, as an expression and as a file", strings)
                .tries(TRIES)
                .show(ParserPropertiesTest::quote)
                .check(ParserPropertiesTest::readEveryWay);
    }

    @Test
    void mutatedProgramsAreReportedNeverCrashedOn() {
        List<String> corpus = corpus();
        Gen<String> mutants = Gen.<String>of((random, size) -> mutate(corpus.get(random.nextInt(corpus.size())), random),
                ParserPropertiesTest::shrinkString);
        Property.forAll("mutated valid programs: only CalcException", mutants)
                .tries(TRIES)
                .show(ParserPropertiesTest::quote)
                .check(ParserPropertiesTest::readEveryWay);
    }

    /** Parses, checks and uses {@code text} as an expression and as a file; fails on any unexpected throwable. */
    static void readEveryWay(String text) {
        Source expression = Source.ofExpression(text);
        try {
            Ast ast = CalcSyntax.parseExpression(expression);
            TypedExpression typed = TypeChecker.expression(expression, ast, Map.of(), null);
            use(typed.expr(), new ArrayList<>(typed.variables().values()));
        } catch (CalcException expected) {
            requireMessage(expected);
        }
        Source file = new Source("fuzz.calc", text);
        try {
            CalcFile parsed = CalcSyntax.parseFile(file);
            TypedFile typed = TypeChecker.file(parsed);
            for (TypedFunction f : typed.functions()) {
                use(f.body(), f.params());
                for (TypedFunction.Request r : f.requests()) {
                    for (Expr.Variable v : r.wrt()) {
                        try {
                            switch (r.kind()) {
                                case GRADIENT -> Derivatives.gradient(f.body(), v);
                                case JACOBIAN -> Derivatives.jacobian(f.body(), v);
                                case HESSIAN -> Derivatives.hessian(f.body(), v);
                            }
                        } catch (DerivativeException allowed) {
                            requireMessage(allowed);
                        }
                    }
                }
            }
        } catch (CalcException expected) {
            requireMessage(expected);
        }
    }

    /** What chainrule does with a checked expression: simplify, differentiate, print. */
    private static void use(Expr e, List<Expr.Variable> variables) {
        Expr s = Simplifier.simplify(e);
        if (e.shape().isScalar() && !variables.isEmpty()) {
            try {
                Derivatives.gradients(e, variables);
            } catch (DerivativeException allowed) {
                requireMessage(allowed);
            }
        }
        for (Format format : Format.values()) {
            Printer.print(s, format);
        }
    }

    private static void requireMessage(RuntimeException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError(e.getClass().getSimpleName() + " without a message", e);
        }
    }

    // ---- mutations -----------------------------------------------------------------------------

    /** The examples' .calc files, the calc blocks of docs/language.md, and functions printed from random expressions. */
    static List<String> corpus() {
        List<String> corpus = new ArrayList<>();
        Path examples = Path.of("..", "generated-examples", "src", "main", "calculus");
        try {
            if (Files.isDirectory(examples)) {
                try (Stream<Path> files = Files.list(examples)) {
                    for (Path p : files.filter(p -> p.toString().endsWith(".calc")).sorted().toList()) {
                        corpus.add(Files.readString(p));
                    }
                }
            }
            Path language = Path.of("..", "docs", "language.md");
            if (Files.exists(language)) {
                Matcher m = Pattern.compile("```calc\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(language));
                while (m.find()) {
                    corpus.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Random random = new Random(20261125);
        ExprGen.Options options = new ExprGen.Options(ExprGen.Output.SCALAR, false, true);
        for (int i = 0; i < 40; i++) {
            Case c = ExprGen.generate(random, 20 + 2 * i, options);
            try {
                String params = PrinterPropertiesTest.declarations(c.expr()).entrySet().stream()
                        .map(d -> d.getKey() + ": " + d.getValue().toString().replace("'", ""))
                        .collect(Collectors.joining(", "));
                String wrt = String.join(", ", c.variables().keySet());
                corpus.add("package fuzz.p" + i + ";\nfunction f" + i + "(" + params + ") =\n    "
                        + Printer.print(c.expr(), Format.ASCII) + (wrt.isEmpty() ? "" : "\n    gradient wrt " + wrt) + ";\n");
            } catch (RuntimeException printerFailed) {
                // the printer properties report it
            }
        }
        return corpus;
    }

    /** One to four edits: delete, insert a token, replace a character, duplicate, swap, truncate. */
    static String mutate(String program, Random random) {
        StringBuilder s = new StringBuilder(program);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            int length = Math.min(s.length() - at, 1 + random.nextInt(random.nextBoolean() ? 3 : 20));
            switch (random.nextInt(6)) {
                case 0 -> s.delete(at, at + length);
                case 1 -> s.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 2 -> s.setCharAt(at, "()[];,:=+-*/.'^ \n0x".charAt(random.nextInt(19)));
                case 3 -> s.insert(at, s.substring(at, at + length));
                case 4 -> {
                    int other = random.nextInt(s.length());
                    int otherLength = Math.min(s.length() - other, length);
                    String a = s.substring(at, at + length);
                    String b = s.substring(other, other + otherLength);
                    if (other >= at + length) {
                        s.replace(other, other + otherLength, a).replace(at, at + length, b);
                    }
                }
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }

    /** Shorter strings: without a line, then without chunks of halving length. */
    static Stream<String> shrinkString(String s) {
        List<String> lines = s.lines().toList();
        Stream<String> withoutLine = lines.size() < 2 ? Stream.empty()
                : IntStream.range(0, lines.size()).mapToObj(i -> {
                    List<String> rest = new ArrayList<>(lines);
                    rest.remove(i);
                    return String.join("\n", rest);
                });
        int n = s.length();
        Stream<String> withoutChunk = Stream.iterate(n / 2, k -> k >= 1, k -> k / 2)
                .flatMap(k -> IntStream.iterate(0, from -> from + k <= n, from -> from + k)
                        .mapToObj(from -> s.substring(0, from) + s.substring(from + k)));
        return Stream.concat(withoutLine, withoutChunk).filter(c -> c.length() < n);
    }

    /** A string as a Java literal, so that invisible characters show. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                q.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                q.append("\\n");
            } else if (cp == '\r') {
                q.append("\\r");
            } else if (cp == '\t') {
                q.append("\\t");
            } else if (cp < 0x20 || cp == 0x200b || cp == 0xa0 || (cp >= 0xd800 && cp <= 0xdfff)) {
                q.append(String.format("\\u%04x", cp));
            } else {
                q.appendCodePoint(cp);
            }
        });
        return q.append('"').toString();
    }
}
