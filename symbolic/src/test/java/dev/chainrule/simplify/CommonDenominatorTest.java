package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Shape;
import dev.chainrule.typing.TypeChecker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule common-denominator adds scalar fractions over whole powers of one base over the highest
 * power, where that shortens the sum, and keeps the value; it leaves fractions over different
 * bases, over powers that are not whole, and sums that would come out longer, as they are. The
 * spring's Hessian reaches the textbook's {@code k(rest/‖d‖³)ddᵀ} through it.
 */
class CommonDenominatorTest {
    private static final Map<String, Shape> DECLARED = new LinkedHashMap<>();

    static {
        for (String scalar : new String[] {"a", "b", "x", "y", "k", "rest"}) {
            DECLARED.put(scalar, Shape.SCALAR);
        }
        DECLARED.put("v", Shape.vector(dev.chainrule.shape.Dim.of(3)));
        DECLARED.put("p", Shape.vector(dev.chainrule.shape.Dim.of(3)));
        DECLARED.put("q", Shape.vector(dev.chainrule.shape.Dim.of(3)));
    }

    /** Points away from every zero of the denominators, with v, p − q of length well away from 0. */
    private static final List<Map<String, Value>> POINTS = List.of(
            point(0.7, -1.3, 1.9, 0.6, 2.5, 1.2, Value.vector(0.3, -1.1, 0.8)),
            point(-2.1, 0.4, -0.9, -1.7, 0.5, 3.1, Value.vector(-1.4, 0.2, 2.2)),
            point(1.5, 2.5, 3.2, 2.4, 1.0, 0.2, Value.vector(0.9, 0.9, -0.5)));

    private static Map<String, Value> point(double a, double b, double x, double y, double k, double rest, Value v) {
        Map<String, Value> at = new HashMap<>();
        at.put("a", Value.scalar(a));
        at.put("b", Value.scalar(b));
        at.put("x", Value.scalar(x));
        at.put("y", Value.scalar(y));
        at.put("k", Value.scalar(k));
        at.put("rest", Value.scalar(rest));
        at.put("v", v);
        at.put("p", Value.vector(v.get(0) + 0.5, v.get(1) - 0.25, v.get(2) + 1));
        at.put("q", Value.vector(0.5, -0.25, 1));
        return at;
    }

    private static Expr parse(String text) {
        return TypeChecker.expression(text, DECLARED).expr();
    }

    private static Expr rewrite(String text) {
        return ComputedRules.COMMON_DENOMINATOR.apply(parse(text));
    }

    private static String print(Expr e) {
        return Printer.print(e, Format.ASCII);
    }

    private static void assertSameValue(Expr expected, Expr actual) {
        for (Map<String, Value> at : POINTS) {
            double want = Interpreter.evaluate(expected, at).asScalar();
            double got = Interpreter.evaluate(actual, at).asScalar();
            assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)), print(actual) + " at " + at);
        }
    }

    @Test
    void addsFractionsOverOneDenominator() {
        Expr before = parse("a/x^2 - b/x^2");
        Expr after = ComputedRules.COMMON_DENOMINATOR.apply(before);
        assertNotNull(after);
        assertEquals(print(parse("(a - b)/x^2")), print(after));
        assertSameValue(before, after);
    }

    @Test
    void addsFractionsOverPowersOfOneBaseOverTheHighestWhereLikeTermsMeet() {
        // a/x² + (b − ax)/x³ = (ax + b − ax)/x³ = b/x³.
        Expr before = parse("a/x^2 + (b - a*x)/x^3");
        Expr after = ComputedRules.COMMON_DENOMINATOR.apply(before);
        assertEquals(print(parse("b/x^3")), print(after));
        assertSameValue(before, after);
        // A fraction over the base inside a numerator joins them: c/x⁴ + (c/x − 1)/x³ = (2c − x)/x⁴.
        Expr nested = parse("y/x^4 + (1/x^3)*(y/x - 1)");
        Expr combined = ComputedRules.COMMON_DENOMINATOR.apply(nested);
        assertEquals(print(parse("(2*y - x)/x^4")), print(combined));
        assertSameValue(nested, combined);
    }

    @Test
    void likeTermsOfTheNumeratorCancel() {
        // The spring's coefficient: 1/‖v‖² + (r − ‖v‖)/‖v‖³ = (‖v‖ + r − ‖v‖)/‖v‖³ = r/‖v‖³, with
        // sum(v.^2) read as ‖v‖² and the scalar (1/‖v‖³) as a factor, as the simplifier writes it.
        Expr before = parse("1/sum(v .^ 2) + (1/norm2(v)^3)*(rest - norm2(v))");
        Expr after = ComputedRules.COMMON_DENOMINATOR.apply(before);
        assertEquals(print(parse("rest/norm2(v)^3")), print(after));
        assertSameValue(before, after);
        // A product of powers of the base is its power: sum(v.^2)·‖v‖ = ‖v‖³, written the shorter way.
        Expr product = parse("1/sum(v .^ 2) + (1/(sum(v .^ 2)*norm2(v)))*(rest - norm2(v))");
        Expr combined = ComputedRules.COMMON_DENOMINATOR.apply(product);
        assertEquals(print(parse("rest/norm2(v)^3")), print(combined));
        assertSameValue(product, combined);
    }

    @Test
    void otherTermsStayWhereTheyWere() {
        Expr before = parse("y + a/x - b/x + 2");
        Expr after = ComputedRules.COMMON_DENOMINATOR.apply(before);
        assertEquals(print(parse("y + (a - b)/x + 2")), print(after));
        assertSameValue(before, after);
        Expr cancelling = parse("y + a/x - a/x");
        assertEquals(print(parse("y")), print(ComputedRules.COMMON_DENOMINATOR.apply(cancelling)));
    }

    @Test
    void leavesFractionsOverDifferentBasesAlone() {
        assertNull(rewrite("a/x^2 + b/y^3"));
        assertNull(rewrite("a/sum(v .^ 2) + b/norm2(p)^3"));
        assertNull(rewrite("a/x + b/(x + y)"));
    }

    @Test
    void leavesPowersThatAreNotWholeAlone() {
        // x^0.5 and x^1.5 are different bases to it: x·x^0.5 = x^1.5 only where x^0.5 is defined.
        assertNull(rewrite("a/x^0.5 + b/x^1.5"));
        assertNull(rewrite("a/x^2 + b/x^2.5"));
        assertNull(rewrite("a/x^-1 + b/x^2"));
    }

    @Test
    void leavesFractionsOverDifferentPowersAloneWhereNoLikeTermsMeet() {
        // (ax + b)/x³ would be shorter, but a factor x in a numerator is one no rule takes out
        // again: the derivative of (a + x)/x² would read (x² − 2x(a + x))/x⁴, not 1/x² − (2/x³)(a + x).
        assertNull(rewrite("a/x^2 + b/x^3"));
        assertNull(rewrite("1/x^2 - (2*x)*(a + x)/x^4"));
    }

    @Test
    void leavesASingleFractionAlone() {
        assertNull(rewrite("a + b/x"));
        // Its numerator is not split: (a + b)/x² stays a scaling by 1/x², as scalar-factors writes it.
        assertNull(rewrite("y + (1/x^2)*(a + b)"));
    }

    @Test
    void theSpringsHessianSimplifiesToTheTextbookForm() {
        Expr energy = parse("k / 2 * (norm2(p - q) - rest) ^ 2");
        Expr.Variable p = (Expr.Variable) Expr.variable("p", DECLARED.get("p"));
        Expr hessian = Derivatives.hessian(energy, p);
        Expr textbook = TypeChecker.expression(
                "k*((norm2(p - q) - rest)/norm2(p - q))*eye + k*(rest/norm2(p - q)^3)*(p - q)*(p - q)'",
                DECLARED).expr();
        assertEquals(PrintedForm.of(textbook), PrintedForm.of(hessian),
                "the spring's Hessian prints " + Printer.print(hessian, Format.TEXT));
        // Its entries are the energy's second differences (central, step h in two coordinates).
        double h = 1e-4;
        for (Map<String, Value> at : POINTS) {
            Value computed = Interpreter.evaluate(hessian, at);
            double[] base = at.get("p").data().clone();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double fd = (energyAt(energy, at, base, i, h, j, h) - energyAt(energy, at, base, i, h, j, -h)
                            - energyAt(energy, at, base, i, -h, j, h) + energyAt(energy, at, base, i, -h, j, -h))
                            / (4 * h * h);
                    assertEquals(fd, computed.get(i, j), 1e-5 * Math.max(1, Math.abs(fd)),
                            "∂²E/∂p" + i + "∂p" + j + " at " + at);
                }
            }
        }
    }

    private static double energyAt(Expr energy, Map<String, Value> at, double[] p, int i, double di, int j, double dj) {
        double[] moved = p.clone();
        moved[i] += di;
        moved[j] += dj;
        Map<String, Value> there = new HashMap<>(at);
        there.put("p", Value.vector(moved));
        return Interpreter.evaluate(energy, there).asScalar();
    }
}
