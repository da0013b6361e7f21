package dev.chainrule.simplify;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.FunctionNames;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcSyntax;
import java.util.HashMap;
import java.util.Map;

/**
 * The left-hand side of a rewrite rule, written in chainrule's own syntax and matched against the
 * graph. Names are pattern variables: {@code a}–{@code g} match scalars only (and, as an operand
 * of an element-wise operator, an expanded scalar {@code s·1⃗}, binding {@code s}); any other name matches any node. A repeated name must
 * match the same node. A number matches a constant of that value; as an operand of an element-wise
 * operator it matches the constant at any shape. Operators match the nodes the type checker builds
 * for them: {@code *} a scaling when its left side is a scalar pattern ({@code a*x}, {@code 2*x}),
 * else a matrix product ({@code A*x}), {@code x - y} an {@code x + (-y)}, {@code eye}
 * the identity, {@code vector(c)} a constant vector.
 */
final class Pattern {
    private final Ast lhs;

    Pattern(String text) {
        this.lhs = CalcSyntax.parseExpression(text);
    }

    /** The pattern as parsed. */
    Ast ast() {
        return lhs;
    }

    /** The bindings of the pattern variables if the node matches, else null. */
    Map<String, Expr> match(Expr node) {
        Map<String, Expr> bindings = new HashMap<>();
        return match(lhs, node, bindings, false) ? bindings : null;
    }

    private static boolean match(Ast pattern, Expr node, Map<String, Expr> bindings, boolean elementwise) {
        return pattern.accept(new Matcher(node, bindings, elementwise));
    }

    /**
     * Whether one pattern node matches {@code node}, its operands matched in turn (recursively: a
     * pattern is a line of a rule table, a few nodes deep). {@code elementwise} when the pattern
     * node is an operand of an element-wise operator, where scalars may have been expanded.
     */
    private record Matcher(Expr node, Map<String, Expr> bindings, boolean elementwise) implements Ast.Visitor<Boolean> {
        @Override
        public Boolean visitNumber(Ast.Number number) {
            return node instanceof Expr.Constant c && c.value() == number.value()
                    && (elementwise || c.shape().isScalar());
        }

        @Override
        public Boolean visitName(Ast.Name name) {
            return bind(name.id(), node, bindings, elementwise);
        }

        @Override
        public Boolean visitUnary(Ast.Unary unary) {
            if (unary.op() == Ast.UnaryOp.NEGATE && unary.operand() instanceof Ast.Number number) {
                // -1 is the number −1, as the language reads it.
                return node instanceof Expr.Constant c && c.value() == -number.value()
                        && (elementwise || c.shape().isScalar());
            }
            if (unary.op() == Ast.UnaryOp.NEGATE) {
                return node instanceof Expr.Negate n && match(unary.operand(), n.operand(), bindings, elementwise);
            }
            if (node instanceof Expr.Transpose t) {
                return match(unary.operand(), t.operand(), bindings, elementwise);
            }
            // The factories store a transposed constant as a constant of the transposed shape.
            return node instanceof Expr.Constant c && !c.shape().isScalar()
                    && match(unary.operand(), Expr.constant(c.value(), c.shape().transpose()), bindings, elementwise);
        }

        @Override
        public Boolean visitBinary(Ast.Binary binary) {
            Ast p = binary.left();
            Ast q = binary.right();
            return switch (binary.op()) {
                case ADD -> node instanceof Expr.Add n && both(p, n.left(), q, n.right(), true);
                case SUBTRACT -> node instanceof Expr.Add n && n.right() instanceof Expr.Negate neg
                        && both(p, n.left(), q, neg.operand(), true);
                case MULTIPLY -> isScalarPattern(p)
                        ? node instanceof Expr.Scale s && both(p, s.factor(), q, s.operand(), false)
                        : node instanceof Expr.Product n && both(p, n.left(), q, n.right(), false);
                case HADAMARD -> node instanceof Expr.Hadamard n && both(p, n.left(), q, n.right(), true);
                case DIVIDE, ELEMENT_DIVIDE -> node instanceof Expr.Divide n && both(p, n.left(), q, n.right(), true);
                case POWER, ELEMENT_POWER -> node instanceof Expr.Power n && both(p, n.base(), q, n.exponent(), true);
                case DOT -> false;
            };
        }

        private boolean both(Ast p, Expr a, Ast q, Expr b, boolean elementwiseOperands) {
            return match(p, a, bindings, elementwiseOperands) && match(q, b, bindings, elementwiseOperands);
        }

        @Override
        public Boolean visitLiteral(Ast.Literal literal) {
            throw new IllegalArgumentException("no pattern form for a literal");
        }

        @Override
        public Boolean visitEntries(Ast.Entries entries) {
            throw new IllegalArgumentException("no pattern form for entries");
        }

        @Override
        public Boolean visitWhere(Ast.Where where) {
            throw new IllegalArgumentException("no pattern form for where");
        }

        @Override
        public Boolean visitCall(Ast.Call call) {
            if (elementwise && node instanceof Expr.Scale s && s.operand() instanceof Expr.Constant one
                    && one.value() == 1) {
                // A scalar function spread over a shape, logsumexp(x)·1⃗, as an operand of an element-wise operator.
                return matchCall(call, s.factor(), bindings);
            }
            return matchCall(call, node, bindings);
        }
    }

    private static boolean matchCall(Ast.Call pattern, Expr node, Map<String, Expr> bindings) {
        String f = pattern.function();
        if (f.equals("vector") || f.equals("matrix")) {
            boolean kind = f.equals("vector") ? node.shape().isVector() : node.shape().isMatrix();
            return kind && node instanceof Expr.Constant c
                    && match(pattern.args().get(0), Expr.scalar(c.value()), bindings, false);
        }
        if (pattern.args().size() != 1) {
            return false;
        }
        if (!FunctionNames.ALL.contains(f)) {
            throw new IllegalArgumentException("no pattern form for " + f);
        }
        return f.equals(FunctionNames.of(node))
                && match(pattern.args().get(0), node.children().get(0), bindings, false);
    }

    private static boolean bind(String name, Expr node, Map<String, Expr> bindings, boolean elementwise) {
        if (name.equals("eye")) {
            return node instanceof Expr.Identity;
        }
        Expr value = node;
        if (isScalarVariable(name) && !node.shape().isScalar()) {
            if (!elementwise) {
                return false;
            } else if (node instanceof Expr.Scale s && s.operand() instanceof Expr.Constant c && c.value() == 1) {
                value = s.factor();
            } else if (node instanceof Expr.Constant c) {
                value = Expr.scalar(c.value());
            } else {
                return false;
            }
        }
        Expr bound = bindings.putIfAbsent(name, value);
        return bound == null || bound == value;
    }

    /** A scalar variable or a number: on the left of {@code *} it makes a scaling, not a product. */
    static boolean isScalarPattern(Ast p) {
        return p instanceof Ast.Number || p instanceof Ast.Name n && isScalarVariable(n.id())
                || p instanceof Ast.Unary u && u.op() == Ast.UnaryOp.NEGATE && isScalarPattern(u.operand());
    }

    static boolean isScalarVariable(String name) {
        return name.length() == 1 && name.charAt(0) >= 'a' && name.charAt(0) <= 'g';
    }
}
