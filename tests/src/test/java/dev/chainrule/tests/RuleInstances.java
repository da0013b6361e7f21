package dev.chainrule.tests;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.simplify.Rule;
import dev.chainrule.simplify.Rules;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.testing.property.Gen;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Expressions that the rewrite rules apply to: each rule's left-hand side (read from its identity,
 * {@code lhs → rhs}), and templates for the computed rules, with random shapes for the pattern
 * names and random subexpressions, constants, identities or variables in their place. Random
 * expressions alone would rarely meet {@code x ./ x .^ a} or {@code x*A - x*B}.
 */
final class RuleInstances {
    private RuleInstances() {}

    /**
     * Templates for the rules written as code, whose identities are prose, by rule name. A new
     * computed rule needs an entry here, or the coverage check fails: every rule must be tested.
     */
    static final Map<String, List<String>> TEMPLATES = Map.ofEntries(
            Map.entry("constant-folding", List.of("x + y", "x .* y", "-x", "x ./ y", "x .^ y", "max(x, y)", "sin(x)", "exp(x)")),
            Map.entry("sum-of-constant", List.of("sum(x)", "sum(A)")),
            Map.entry("sum-of-product-with-constant", List.of("sum(A*B)", "sum(A*x)", "sum(x'*A)", "sum(x*y')")),
            Map.entry("trace-of-identity", List.of("tr(A)", "tr(eye)")),
            Map.entry("sum-of-identity", List.of("sum(eye)", "sum(A)")),
            Map.entry("diagonal-of-identity", List.of("diag(eye)", "diag(A)")),
            Map.entry("collect-like-terms", List.of("x + x", "x - x", "a*x + x", "x + 2*x - x", "A*x + A'*x", "x - (y - x)")),
            Map.entry("common-denominator", List.of("a/b^2 + (c - a*b)/b^3", "d + a/b - c/b", "a/b^2 + c/b^2 + d",
                    "1/sum(x .^ 2) + (1/norm2(x)^3)*(a - norm2(x))", "a/(b*b^2) + (c - b)/b^2",
                    "c/b^4 + (1/b^3)*(c/b - 1)")),
            Map.entry("scalar-factors", List.of("a*(b*x)", "(a/b)*(c*x)", "2*a*a^2", "a*b/a", "a/b/c")),
            Map.entry("absorb-negation", List.of("-(2*x)", "-(x .* (a - b))", "-(A*(x - y))", "-(a*x)", "-(x - y)")),
            Map.entry("slice-of-block", List.of("[a, b][2]", "[a, b; c, d][2, 1]", "[x; a][1:2]", "[A, B][1, 1]")),
            Map.entry("slice-of-slice", List.of("x[2:3][1]", "A[1:2, 1:2][2, 1]")),
            Map.entry("slice-inwards", List.of("(a*x)[1]", "(-x)[2]", "sin(x)[1]", "x'[1]", "(A*B)[1:2, 1:2]", "(A*B)'[1, 1]")),
            Map.entry("slice-of-constant", List.of("vector(2)[1]", "matrix(3)[1, 1:2]")),
            Map.entry("unit-times", List.of("eye[1:2, 1:2]*A", "A*eye[1:2, 1:2]")),
            Map.entry("block-of-constants", List.of("[0, 0]", "[1, 1; 1, 1]", "[vector(2); 2]")),
            Map.entry("scaling-into-block", List.of("a*[1, 0]", "a*[x; 0]", "a*[0, b; 0, 1]")),
            Map.entry("sum-of-blocks", List.of("[a, b] + [c, 0]", "[a, 0] - [0, b]", "[x; a] + [y; 0]")),
            Map.entry("flatten-block", List.of("[[a, b]; [c, d]]", "[[a, b]'; [c, d]']")),
            Map.entry("kronecker-transpose", List.of("kron(A, B)'", "kron(x, y')'")),
            Map.entry("scaling-out-of-kronecker", List.of("kron(a*A, B)", "kron(A, -B)", "kron(-x, a*y)")),
            Map.entry("kronecker-mixed-product", List.of("kron(A, B)*kron(C, D)", "kron(A, B)*kron(x, y)")),
            Map.entry("kronecker-of-identities", List.of("kron(eye, eye)")),
            Map.entry("like-terms", List.of("a*x + b*x", "x + a*x", "a*x - b*x", "a*(b*x) + c*x")),
            Map.entry("common-scalar-factor", List.of("a*x + a*y", "2*x - 2*y", "a*(b*x) + a*y", "-2*x + 2*y")),
            Map.entry("associate-left", List.of("A*(B*C)", "A*(a*(B*x))", "A*(-(B*C))")),
            Map.entry("associate-right", List.of("(A*B)*C", "(A*(a*B))*x", "(-(A*B))*C")),
            Map.entry("cancel-inverses", List.of("A*inv(A)*B", "A'*inv(A)'*x", "A*inv(B*A)", "inv(A*B)'*A'")),
            Map.entry("transpose-to-leaves", List.of("(A*B)'", "(A*x*y')'", "(a*A*inv(B))'", "(-(A*B))'")));

    static final List<String> COMPUTED_TEMPLATES = TEMPLATES.values().stream().flatMap(List::stream).toList();

    /** The left-hand sides to instantiate: every pattern rule's, and the templates. */
    static List<String> leftHandSides() {
        List<String> sides = new ArrayList<>();
        for (Rule rule : Rules.ALL) {
            String identity = rule.identity();
            int arrow = identity.indexOf(" → ");
            if (arrow > 0) {
                String lhs = identity.substring(0, arrow);
                try {
                    CalcSyntax.parseExpression(lhs);
                    sides.add(lhs);
                } catch (CalcException prose) {
                    // a computed rule's identity, not a pattern
                }
            }
        }
        sides.addAll(COMPUTED_TEMPLATES);
        return sides;
    }

    /**
     * Whether the rule can ever apply: whether its left-hand side, built as the type checker builds
     * it, is a node the rule matches, for some shapes. Not so for a pattern the factories fold
     * away, such as {@code -0}, which builds as the constant 0.
     */
    static boolean reachable(Rule rule) {
        String lhs = leftHandSide(rule);
        if (lhs == null) {
            return true;
        }
        Ast ast = CalcSyntax.parseExpression(lhs);
        Set<String> names = new LinkedHashSet<>();
        collectNames(ast, names);
        names.remove("eye");
        if (!names.isEmpty()) {
            return true;
        }
        Expr built = TypeChecker.expression(Source.ofExpression(lhs), ast, Map.of(), null).expr();
        return dev.chainrule.graph.Traversal.postOrder(built).stream().anyMatch(node -> rule.apply(node) != null);
    }

    /** The left-hand side of a pattern rule, or null for a rule written as code. */
    static String leftHandSide(Rule rule) {
        String identity = rule.identity();
        int arrow = identity.indexOf(" → ");
        if (arrow < 0) {
            return null;
        }
        String lhs = identity.substring(0, arrow);
        try {
            CalcSyntax.parseExpression(lhs);
            return lhs;
        } catch (CalcException prose) {
            return null;
        }
    }

    /** Instances of some left-hand sides. */
    static Gen<Case> cases(List<String> sides) {
        return Gen.of((random, size) -> instance(random, sides.get(random.nextInt(sides.size())), size),
                c -> ExprGen.shrink(c, candidate -> true));
    }

    static Gen<Case> cases() {
        List<String> sides = leftHandSides();
        return Gen.of((random, size) -> instance(random, sides.get(random.nextInt(sides.size())), size),
                c -> ExprGen.shrink(c, candidate -> true));
    }

    static Case instance(Random random, String lhs, int size) {
        Ast ast = CalcSyntax.parseExpression(lhs);
        Set<String> names = new LinkedHashSet<>();
        collectNames(ast, names);
        names.remove("eye");
        List<Dim> pool = List.of(Dim.of("n"), Dim.of(2), Dim.of(3));
        Map<String, Integer> sizes = Map.of("n", 1 + random.nextInt(4), "m", 1 + random.nextInt(4));
        for (int attempt = 0; attempt < 50; attempt++) {
            Dim d = pool.get(random.nextInt(pool.size()));
            Dim e = random.nextInt(4) == 0 ? pool.get(random.nextInt(pool.size())) : d;
            Map<String, Shape> declared = new HashMap<>();
            for (String name : names) {
                boolean scalarPattern = name.length() == 1 && name.charAt(0) >= 'a' && name.charAt(0) <= 'g';
                int k = random.nextInt(4);
                declared.put(name, scalarPattern || k == 0 ? Shape.SCALAR
                        : k == 1 ? Shape.vector(d) : k == 2 ? Shape.matrix(d, d) : Shape.matrix(d, e));
            }
            TypedExpression typed;
            try {
                typed = TypeChecker.expression(Source.ofExpression(lhs), ast, declared, null);
            } catch (CalcException | IllegalArgumentException wrongShapes) {
                continue;
            }
            Expr built = asHadamards(random, typed.expr());
            List<Dim> dims = new ArrayList<>(new LinkedHashSet<>(List.of(d, e)));
            Map<Expr, Expr> substitution = new IdentityHashMap<>();
            int depth = 1 + Math.min(3, size / 25);
            Set<String> inverted = new LinkedHashSet<>();
            namesUnderInverses(ast, false, inverted);
            for (Expr.Variable v : typed.variables().values()) {
                boolean mustInvert = inverted.contains(v.name()) && v.shape().isSquareMatrix();
                substitution.put(v, mustInvert ? invertible(random, v, dims, depth) : replacement(random, v, dims, depth));
            }
            Expr instance = Exprs.rebuild(built, substitution);
            // A dimension no declared name fixes (eye's, sliced) gets a size too, large enough for
            // the templates' indices.
            Map<String, Integer> all = new HashMap<>(sizes);
            for (String symbol : Exprs.symbols(instance)) {
                all.putIfAbsent(symbol, 3 + random.nextInt(2));
            }
            return new Case(instance, all, random.nextLong(), null);
        }
        // No shapes fit (cannot happen for the rules' sides): a plain random expression.
        return ExprGen.generate(random, size, new ExprGen.Options(ExprGen.Output.ANY, false, true));
    }

    /**
     * Some scalings {@code s*x} of an array as the element-wise products {@code (s·1⃗) ⊙ x} or
     * {@code x ⊙ (s·1⃗)}: the form derivatives produce, which text never builds ({@code x .* 1} reads
     * as a scaling), so that the rules about Hadamard products with constants meet it.
     */
    private static Expr asHadamards(Random random, Expr root) {
        Map<Expr, Expr> map = new IdentityHashMap<>();
        for (Expr node : dev.chainrule.graph.Traversal.postOrder(root)) {
            if (node instanceof Expr.Scale sc && !sc.operand().shape().isScalar() && random.nextBoolean()) {
                Shape shape = sc.operand().shape();
                Expr spread = sc.factor() instanceof Expr.Constant c ? Expr.constant(c.value(), shape)
                        : Expr.scale(sc.factor(), Expr.ones(shape));
                map.put(node, random.nextBoolean() ? Expr.hadamard(spread, sc.operand()) : Expr.hadamard(sc.operand(), spread));
            }
        }
        return Exprs.rebuild(root, map);
    }

    private static Expr replacement(Random random, Expr.Variable v, List<Dim> dims, int depth) {
        Shape shape = v.shape();
        int k = random.nextInt(20);
        if (k < 6) {
            double[] constants = {0, 1, 2, 0.5, -1};
            return Expr.constant(constants[random.nextInt(constants.length)], shape);
        }
        if (k < 8 && shape.isSquareMatrix()) {
            return Expr.identity(shape.rows());
        }
        if (k < 11) {
            return Expr.variable(v.name() + (shape.isScalar() ? "" : "_" + shape.rows() + shape.cols()), shape);
        }
        return ExprGen.expression(random, dims, shape, depth);
    }

    /**
     * The names inside an inverse, a determinant or a log-determinant: they get matrices far from
     * singular, where a rule's two sides, equal in exact arithmetic, may round apart.
     */
    private static void namesUnderInverses(Ast ast, boolean under, Set<String> names) {
        if (ast instanceof Ast.Name name && under) {
            names.add(name.id());
        }
        boolean inverts = ast instanceof Ast.Call call && Set.of("inv", "det", "logdet").contains(call.function());
        for (Ast child : ast.children()) {
            namesUnderInverses(child, under || inverts, names);
        }
    }

    private static Expr invertible(Random random, Expr.Variable v, List<Dim> dims, int depth) {
        int k = random.nextInt(4);
        return k == 0 ? Expr.identity(v.shape().rows())
                : k == 1 ? Expr.variable(v.name() + "_" + v.shape().rows() + v.shape().cols(), v.shape())
                : ExprGen.wellConditioned(random, dims, v.shape().rows(), depth);
    }

    private static void collectNames(Ast ast, Set<String> names) {
        if (ast instanceof Ast.Name name) {
            names.add(name.id());
        } else if (ast instanceof Ast.Unary unary) {
            collectNames(unary.operand(), names);
        } else if (ast instanceof Ast.Binary binary) {
            collectNames(binary.left(), names);
            collectNames(binary.right(), names);
        } else if (ast instanceof Ast.Call call) {
            call.args().forEach(arg -> collectNames(arg, names));
        }
    }
}
