package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Traversal;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import java.util.LinkedHashMap;
import java.util.Map;

/** Expressions to print, and the round trip through the type checker. */
final class Fixtures {
    private Fixtures() {}

    /** The declarations most examples use: a, b, c scalars; x, y, w vectors; A, B, W1 square; X with N rows. */
    static final String STANDARD = "a: scalar, b: scalar, c: scalar, x: vector[n], y: vector[n], w: vector[n], "
            + "A: matrix[n, n], B: matrix[n, n], W1: matrix[n, n], X: matrix[N, n], t: vector[N]";

    /** The paper's loss: y has a row of X for each entry. */
    static final String LOSS = "w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]";

    /** Shapes from declarations written as in a .calc file's parameter list: {@code x: vector[n], A: matrix[m, n]}. */
    static Map<String, Shape> declare(String declarations) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (String declaration : declarations.split(",(?![^\\[]*\\])")) {
            String[] nameAndType = declaration.split(":", 2);
            shapes.put(nameAndType[0].trim(),
                    TypeChecker.shapeOf(CalcSyntax.parseType(Source.ofExpression(nameAndType[1].trim()))));
        }
        return shapes;
    }

    static Expr check(String text, String declarations) {
        return TypeChecker.expression(text, declare(declarations)).expr();
    }

    static Expr check(String text) {
        return check(text, STANDARD);
    }

    static Map<String, Shape> shapesOfVariablesIn(Expr e) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Traversal.variables(e).forEach((name, variable) -> shapes.put(name, variable.shape()));
        return shapes;
    }

    /** What the type checker builds from {@code e}'s ASCII form, given these shapes and e's own. */
    static Expr reread(Expr e, Map<String, Shape> declared) {
        Source source = Source.ofExpression(Printer.print(e, Format.ASCII));
        return TypeChecker.expression(source, CalcSyntax.parseExpression(source), declared, e.shape()).expr();
    }

    static void assertRoundTrip(Expr e, Map<String, Shape> declared) {
        assertSame(e, reread(e, declared), () -> Printer.print(e, Format.ASCII) + " does not read back as itself: "
                + Printer.print(e, Format.JSON));
    }

    static void assertRoundTrip(Expr e) {
        assertRoundTrip(e, shapesOfVariablesIn(e));
    }
}
