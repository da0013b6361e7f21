package dev.chainrule.syntax;

import java.util.stream.Collectors;

/**
 * Test-only: renders an {@link Ast} fully parenthesised, in prefix form, so that a test can state
 * how an expression was grouped in one string: {@code -x^2} is {@code (- (^ x 2))}, {@code x'} is
 * {@code (' x)}, {@code max(0, z)} is {@code (max 0 z)} and {@code eye()} is {@code (eye)}.
 * Numbers print as written.
 */
final class AstPrinter {
    private AstPrinter() {}

    static String print(Ast ast) {
        if (ast instanceof Ast.Number number) {
            return number.text();
        }
        if (ast instanceof Ast.Name name) {
            return name.id();
        }
        if (ast instanceof Ast.Unary unary) {
            return "(" + unary.op().symbol() + " " + print(unary.operand()) + ")";
        }
        if (ast instanceof Ast.Binary binary) {
            return "(" + binary.op().symbol() + " " + print(binary.left()) + " " + print(binary.right()) + ")";
        }
        Ast.Call call = (Ast.Call) ast;
        return "(" + call.function() + call.args().stream().map(arg -> " " + print(arg)).collect(Collectors.joining())
                + ")";
    }

    /** Parses an expression and prints it. */
    static String parse(String expression) {
        return print(CalcSyntax.parseExpression(expression));
    }
}
