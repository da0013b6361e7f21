package dev.chainrule.syntax;

import java.util.stream.Collectors;

/**
 * Test-only: renders an {@link Ast} fully parenthesised, in prefix form, so that a test can state
 * how an expression was grouped in one string: {@code -x^2} is {@code (- (^ x 2))}, {@code x'} is
 * {@code (' x)}, {@code max(0, z)} is {@code (max 0 z)} and {@code eye()} is {@code (eye)};
 * {@code [a, b; c, d]} is {@code ([] (a b) (c d))}, {@code A[i, j:k]} is {@code (index A i j:k)} and
 * {@code t where t = x} is {@code (where t (t x))}.
 * Numbers print as written.
 */
final class AstPrinter implements Ast.Visitor<String> {
    private static final AstPrinter INSTANCE = new AstPrinter();

    private AstPrinter() {}

    static String print(Ast ast) {
        return ast.accept(INSTANCE);
    }

    /** Parses an expression and prints it. */
    static String parse(String expression) {
        return print(CalcSyntax.parseExpression(expression));
    }

    @Override
    public String visitNumber(Ast.Number number) {
        return number.text();
    }

    @Override
    public String visitName(Ast.Name name) {
        return name.id();
    }

    @Override
    public String visitUnary(Ast.Unary unary) {
        return "(" + unary.op().symbol() + " " + print(unary.operand()) + ")";
    }

    @Override
    public String visitBinary(Ast.Binary binary) {
        return "(" + binary.op().symbol() + " " + print(binary.left()) + " " + print(binary.right()) + ")";
    }

    @Override
    public String visitLiteral(Ast.Literal literal) {
        return "([]" + literal.rows().stream().map(row -> " (" + row.stream().map(AstPrinter::print)
                .collect(Collectors.joining(" ")) + ")").collect(Collectors.joining()) + ")";
    }

    @Override
    public String visitEntries(Ast.Entries entries) {
        return "(index " + print(entries.operand()) + entries.indices().stream()
                .map(i -> " " + print(i.first()) + (i.isRange() ? ":" + print(i.last()) : ""))
                .collect(Collectors.joining()) + ")";
    }

    @Override
    public String visitWhere(Ast.Where where) {
        return "(where " + print(where.body()) + where.definitions().stream()
                .map(d -> " (" + d.name() + " " + print(d.value()) + ")").collect(Collectors.joining()) + ")";
    }

    @Override
    public String visitCall(Ast.Call call) {
        return "(" + call.function() + call.args().stream().map(arg -> " " + print(arg)).collect(Collectors.joining())
                + ")";
    }
}
