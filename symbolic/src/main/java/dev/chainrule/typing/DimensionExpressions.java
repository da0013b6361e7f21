package dev.chainrule.typing;

import dev.chainrule.shape.Dim;
import dev.chainrule.syntax.Ast;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Expressions that stand for a size rather than a value: the indices of {@code x[n - 1]} and
 * {@code A[2, 1:k]}, the dimensions of {@code reshape(v, m, n)}: whole numbers and dimension names
 * combined by {@code +}, {@code -} and {@code *}.
 */
final class DimensionExpressions {
    private DimensionExpressions() {}

    /**
     * The dimension {@code ast} stands for.
     *
     * @param symbols the dimension names in scope; null to trust the names (after checking)
     * @param error   makes the diagnostic for a node and a message
     */
    static Dim of(Ast ast, Set<String> symbols, BiFunction<Ast, String, RuntimeException> error) {
        return ast.accept(new Ast.Visitor<Dim>() {
            @Override
            public Dim visitNumber(Ast.Number n) {
                if (n.value() != Math.rint(n.value()) || n.value() < 1 || n.value() > Integer.MAX_VALUE) {
                    throw error.apply(n, "an index or size must be a positive whole number, not " + n.text());
                }
                return Dim.of((int) n.value());
            }

            @Override
            public Dim visitName(Ast.Name name) {
                if (symbols != null && !symbols.contains(name.id())) {
                    throw error.apply(name, "'" + name.id() + "' is not a dimension: an index or size is a whole "
                            + "number or an expression of declared dimensions, such as n - 1");
                }
                return Dim.of(name.id());
            }

            @Override
            public Dim visitBinary(Ast.Binary b) {
                Dim left = b.left().accept(this);
                Dim right = b.right().accept(this);
                try {
                    return switch (b.op()) {
                        case ADD -> Dim.sum(left, right);
                        case SUBTRACT -> Dim.difference(left, right);
                        case MULTIPLY -> Dim.product(left, right);
                        default -> throw error.apply(b, notADimension(b.op().symbol()));
                    };
                } catch (IllegalArgumentException notPositive) {
                    throw error.apply(b, "an index or size must be positive: " + left + " " + b.op().symbol() + " "
                            + right + " is not");
                }
            }

            @Override public Dim visitUnary(Ast.Unary u) { throw error.apply(u, notADimension(u.op().symbol())); }
            @Override public Dim visitCall(Ast.Call c) { throw error.apply(c, notADimension(c.function() + "(…)")); }
            @Override public Dim visitLiteral(Ast.Literal l) { throw error.apply(l, notADimension("[…]")); }
            @Override public Dim visitEntries(Ast.Entries e) { throw error.apply(e, notADimension("an entry")); }
            @Override public Dim visitWhere(Ast.Where e) { throw error.apply(e, notADimension("a where clause")); }
        });
    }

    private static String notADimension(String what) {
        return "an index or size is a whole number or an expression of dimensions with + - *, not " + what;
    }
}
