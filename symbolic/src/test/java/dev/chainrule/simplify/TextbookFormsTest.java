package dev.chainrule.simplify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.derive.Derivatives;
import dev.chainrule.graph.Expr;
import dev.chainrule.print.Format;
import dev.chainrule.print.Printer;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Derivatives print as textbooks print them: identities from the Matrix Cookbook (derivatives of
 * traces, determinants, inverses, norms, linear and quadratic forms), matrixcalculus.org's
 * documented examples and Parr and Howard's paper, each the function, the variable, and the form
 * the source gives. A result matches when it is that form up to the order of terms and factors and
 * the association of products ({@link PrintedForm}), not merely equal in value: the simplifier is
 * asked for the form a reader expects. The test prints its score; the target is every identity.
 *
 * <p>Names: a–d scalars; p, q, v, w, x, y, z vectors of length n; A–D, S, X matrices n × n, unless
 * the identity declares otherwise (a non-square X to show that nothing needs an inverse of it).
 */
class TextbookFormsTest {
    private static final String SCALARS = "a: scalar; b: scalar; c: scalar; d: scalar";
    private static final String VECTORS = "p: vector[n]; q: vector[n]; v: vector[n]; w: vector[n]; x: vector[n]; "
            + "y: vector[n]; z: vector[n]";
    private static final String MATRICES = "A: matrix[n,n]; B: matrix[n,n]; C: matrix[n,n]; D: matrix[n,n]; "
            + "S: matrix[n,n]; X: matrix[n,n]";
    private static final String STANDARD = SCALARS + "; " + VECTORS + "; " + MATRICES;

    enum Kind { GRADIENT, JACOBIAN, HESSIAN }

    /** One identity: where it is from, the function, the variable, and the form the source prints. */
    record Identity(String source, Kind kind, String function, String wrt, String textbook, String declarations) {
        @Override
        public String toString() {
            return source + ": " + kind.name().toLowerCase() + " of " + function + " wrt " + wrt;
        }
    }

    private static Identity grad(String source, String f, String wrt, String textbook) {
        return new Identity(source, Kind.GRADIENT, f, wrt, textbook, STANDARD);
    }

    private static Identity grad(String source, String f, String wrt, String textbook, String declarations) {
        return new Identity(source, Kind.GRADIENT, f, wrt, textbook, declarations);
    }

    private static Identity jacobian(String source, String f, String wrt, String textbook) {
        return new Identity(source, Kind.JACOBIAN, f, wrt, textbook, STANDARD);
    }

    private static Identity hessian(String source, String f, String wrt, String textbook) {
        return new Identity(source, Kind.HESSIAN, f, wrt, textbook, STANDARD);
    }

    private static final String PAPER = "paper";
    private static final String SITE = "matrixcalculus.org";
    private static final String COOKBOOK = "Matrix Cookbook";
    /** The paper's scalar rules, over scalars named x, y, z. */
    private static final String SCALAR_XYZ = "x: scalar; y: scalar; z: scalar; c: scalar";
    private static final String NEURON = "w: vector[n]; x: vector[n]; b: scalar";
    private static final String LOSS = "X: matrix[N,n]; w: vector[n]; y: vector[N]; b: scalar";
    private static final String EXPANSION = "x: vector[n]; z: scalar";
    private static final String NON_SQUARE = "X: matrix[n,m]; A: matrix[n,n]";

    static final List<Identity> IDENTITIES = List.of(
            // Parr and Howard: the scalar rules.
            grad(PAPER, "c", "x", "0", SCALAR_XYZ),
            grad(PAPER, "3*x^2", "x", "6*x", SCALAR_XYZ),
            grad(PAPER, "x^5", "x", "5*x^4", SCALAR_XYZ),
            grad(PAPER, "x^2 + sin(x)", "x", "2*x + cos(x)", SCALAR_XYZ),
            grad(PAPER, "x^2 - sin(x)", "x", "2*x - cos(x)", SCALAR_XYZ),
            grad(PAPER, "x^2 * sin(x)", "x", "2*x*sin(x) + x^2*cos(x)", SCALAR_XYZ),
            grad(PAPER, "log(x^2)", "x", "2/x", SCALAR_XYZ),
            grad(PAPER, "9*(x + x^2)", "x", "9 + 18*x", SCALAR_XYZ),
            grad(PAPER, "sin(x^2)", "x", "2*x*cos(x^2)", SCALAR_XYZ),
            grad(PAPER, "x + x^2", "x", "1 + 2*x", SCALAR_XYZ),
            grad(PAPER, "3*x^2*y", "x", "6*x*y", SCALAR_XYZ),
            grad(PAPER, "3*x^2*y", "y", "3*x^2", SCALAR_XYZ),
            grad(PAPER, "2*x + y^8", "x", "2", SCALAR_XYZ),
            grad(PAPER, "2*x + y^8", "y", "8*y^7", SCALAR_XYZ),
            // Reductions, the dot product, the neuron and the loss.
            grad(PAPER, "sum(x)", "x", "vector(1)", EXPANSION),
            grad(PAPER, "sum(x*z)", "x", "z*vector(1)", EXPANSION),
            grad(PAPER, "sum(x*z)", "z", "sum(x)", EXPANSION),
            grad(PAPER, "w . x", "w", "x", NEURON),
            grad(PAPER, "w . x", "x", "w", NEURON),
            grad(PAPER, "w . x + b", "w", "x", NEURON),
            grad(PAPER, "w . x + b", "b", "1", NEURON),
            grad(PAPER, "max(0, w . x + b)", "w", "step(w . x + b)*x", NEURON),
            grad(PAPER, "max(0, w . x + b)", "b", "step(w . x + b)", NEURON),
            grad(PAPER, "sum((y - max(0, X*w + b)) .^ 2) / N", "w",
                    "(2/N) * X' * ((max(0, X*w + b) - y) .* step(X*w + b))", LOSS),
            grad(PAPER, "sum((y - max(0, X*w + b)) .^ 2) / N", "b",
                    "(2/N) * sum((max(0, X*w + b) - y) .* step(X*w + b))", LOSS),
            grad(PAPER, "x'*A*x", "x", "(A + A')*x"),
            grad(PAPER, "norm2(A*x - y)^2", "x", "2*A'*(A*x - y)"),
            // The paper's Jacobians, in numerator layout.
            jacobian(PAPER, "x", "x", "eye"),
            jacobian(PAPER, "w + x", "w", "eye"),
            jacobian(PAPER, "w + x", "x", "eye"),
            jacobian(PAPER, "w - x", "w", "eye"),
            jacobian(PAPER, "w - x", "x", "-eye"),
            jacobian(PAPER, "w .* x", "w", "diag(x)"),
            jacobian(PAPER, "w .* x", "x", "diag(w)"),
            jacobian(PAPER, "w ./ x", "w", "diag(1 ./ x)"),
            jacobian(PAPER, "w ./ x", "x", "diag(-(w ./ x .^ 2))"),
            jacobian(PAPER, "x + a", "x", "eye"),
            jacobian(PAPER, "x + a", "a", "vector(1)"),
            jacobian(PAPER, "x*a", "x", "a*eye"),
            jacobian(PAPER, "x*a", "a", "x"),
            jacobian(PAPER, "sum(x)", "x", "vector(1)'"),
            jacobian(PAPER, "w . x", "w", "x'"),
            jacobian(PAPER, "sin(x .^ 2)", "x", "diag(2*x .* cos(x .^ 2))"),
            hessian(PAPER, "x'*A*x", "x", "A + A'"),
            hessian(PAPER, "norm2(A*x - y)^2", "x", "2*A'*A"),
            hessian(PAPER, "sum(exp(x))", "x", "diag(exp(x))"),

            // matrixcalculus.org's documented examples.
            grad(SITE, "0.5*x'*A*x", "x", "0.5*(A + A')*x"),
            jacobian(SITE, "A*exp(x)", "x", "A*diag(exp(x))"),
            grad(SITE, "sin(x)'*y", "x", "cos(x) .* y"),
            grad(SITE, "sin(x)'*y", "y", "sin(x)"),
            grad(SITE, "(c*v)'*x", "x", "c*v"),
            grad(SITE, "(c*v)'*x", "v", "c*x"),
            grad(SITE, "(c*v)'*x", "c", "v'*x"),
            grad(SITE, "a^b", "a", "b*a^(b - 1)"),
            grad(SITE, "a^b", "b", "a^b*log(a)"),
            grad(SITE, "norm2(A*x - y)^2", "A", "2*(A*x - y)*x'"),
            grad(SITE, "norm2(A*x - y)^2", "y", "-2*(A*x - y)"),
            grad(SITE, "sum(log(exp(-y .* (X*w)) + vector(1)))", "w", "-X'*(y .* sigmoid(-y .* (X*w)))",
                    "X: matrix[N,n]; w: vector[n]; y: vector[N]"),
            grad(SITE, "tr(A*X'*B*X*C)", "X", "B*X*C*A + B'*X*A'*C'"),
            grad(SITE, "log(det(inv(X)))", "X", "-inv(X)'"),
            hessian(SITE, "log(sum(exp(x)))", "x", "diag(softmax(x)) - softmax(x)*softmax(x)'"),
            hessian(SITE, "0.5*x'*A*x", "x", "0.5*(A + A')"),

            // The Matrix Cookbook: derivatives of traces.
            grad(COOKBOOK, "tr(X)", "X", "eye"),
            grad(COOKBOOK, "tr(X*A)", "X", "A'"),
            grad(COOKBOOK, "tr(A*X*B)", "X", "A'*B'"),
            grad(COOKBOOK, "tr(A*X'*B)", "X", "B*A"),
            grad(COOKBOOK, "tr(X'*A)", "X", "A"),
            grad(COOKBOOK, "tr(A*X')", "X", "A"),
            grad(COOKBOOK, "tr(X*X)", "X", "2*X'"),
            grad(COOKBOOK, "tr(X*B*X)", "X", "X'*B' + B'*X'"),
            grad(COOKBOOK, "tr(X'*B*X)", "X", "(B + B')*X"),
            grad(COOKBOOK, "tr(X*B*X')", "X", "X*(B + B')"),
            grad(COOKBOOK, "tr(A*X*B*X)", "X", "A'*X'*B' + B'*X'*A'"),
            grad(COOKBOOK, "tr(X'*X)", "X", "2*X"),
            grad(COOKBOOK, "tr(X*X')", "X", "2*X"),
            grad(COOKBOOK, "tr(B*X*X')", "X", "(B + B')*X"),
            grad(COOKBOOK, "tr(B'*X'*C*X*B)", "X", "(C + C')*X*B*B'"),
            grad(COOKBOOK, "tr(X'*B*X*C)", "X", "B*X*C + B'*X*C'"),
            grad(COOKBOOK, "tr(A*X*B*X'*C)", "X", "A'*C'*X*B' + C*A*X*B"),
            grad(COOKBOOK, "tr(inv(X))", "X", "-inv(X)'*inv(X)'"),
            grad(COOKBOOK, "tr(A*inv(X)*B)", "X", "-inv(X)'*A'*B'*inv(X)'"),
            grad(COOKBOOK, "tr((A*X*B + C)*(A*X*B + C)')", "X", "2*A'*(A*X*B + C)*B'"),
            // Determinants.
            grad(COOKBOOK, "det(X)", "X", "det(X)*inv(X)'"),
            grad(COOKBOOK, "logdet(X)", "X", "inv(X)'"),
            grad(COOKBOOK, "log(det(X))", "X", "inv(X)'"),
            grad(COOKBOOK, "det(A*X*B)", "X", "det(A*X*B)*inv(X)'"),
            grad(COOKBOOK, "det(inv(X))", "X", "-det(inv(X))*inv(X)'"),
            grad(COOKBOOK, "logdet(X'*X)", "X", "2*X*inv(X'*X)", NON_SQUARE),
            grad(COOKBOOK, "log(det(X'*X))", "X", "2*X*inv(X'*X)", NON_SQUARE),
            grad(COOKBOOK, "logdet(X*X')", "X", "2*inv(X*X')*X", "X: matrix[m,n]"),
            grad(COOKBOOK, "det(X'*A*X)", "X", "det(X'*A*X)*(A*X*inv(X'*A*X) + A'*X*inv(X'*A'*X))", NON_SQUARE),
            // Inverses.
            grad(COOKBOOK, "p'*inv(X)*q", "X", "-inv(X)'*p*q'*inv(X)'"),
            grad(COOKBOOK, "x'*inv(A)*x", "x", "(inv(A) + inv(A)')*x"),
            grad(COOKBOOK, "(x - p)'*inv(S)*(x - p)", "x", "(inv(S) + inv(S)')*(x - p)"),
            // Linear and quadratic forms.
            grad(COOKBOOK, "p'*x", "x", "p"),
            grad(COOKBOOK, "x'*p", "x", "p"),
            grad(COOKBOOK, "p'*X*q", "X", "p*q'"),
            grad(COOKBOOK, "p'*X'*q", "X", "q*p'"),
            grad(COOKBOOK, "p'*X*p", "X", "p*p'"),
            grad(COOKBOOK, "p'*X'*X*q", "X", "X*(p*q' + q*p')"),
            grad(COOKBOOK, "p'*X*X'*q", "X", "(p*q' + q*p')*X"),
            grad(COOKBOOK, "x'*B*x", "x", "(B + B')*x"),
            grad(COOKBOOK, "x'*x", "x", "2*x"),
            grad(COOKBOOK, "p'*X'*D*X*q", "X", "D'*X*p*q' + D*X*q*p'"),
            grad(COOKBOOK, "(X*p + q)'*D*(X*p + q)", "X", "(D + D')*(X*p + q)*p'"),
            grad(COOKBOOK, "(A*x + p)'*C*(D*x + q)", "x", "A'*C*(D*x + q) + D'*C'*(A*x + p)"),
            grad(COOKBOOK, "x'*A'*A*x", "x", "2*A'*A*x"),
            grad(COOKBOOK, "(A*x - y)'*(A*x - y)", "x", "2*A'*(A*x - y)"),
            grad(COOKBOOK, "x'*A*x + p'*x", "x", "(A + A')*x + p"),
            grad(COOKBOOK, "exp(x'*A*x)", "x", "exp(x'*A*x)*(A + A')*x"),
            grad(COOKBOOK, "sum(X*p)", "X", "vector(1)*p'"),
            hessian(COOKBOOK, "x'*A*x + p'*x", "x", "A + A'"),
            // Norms.
            grad(COOKBOOK, "norm2(x)^2", "x", "2*x"),
            grad(COOKBOOK, "norm2(X)^2", "X", "2*X"),
            grad(COOKBOOK, "norm2(x)", "x", "x/norm2(x)"),
            grad(COOKBOOK, "norm2(x - p)", "x", "(x - p)/norm2(x - p)"));

    @Test
    void derivativesPrintAsTextbooksPrintThem() {
        List<String> misses = new ArrayList<>();
        for (Identity identity : IDENTITIES) {
            String miss = check(identity);
            if (miss != null) {
                misses.add(miss);
            }
        }
        int matched = IDENTITIES.size() - misses.size();
        System.out.printf("textbook forms: %d of %d identities print as their source prints them%n",
                matched, IDENTITIES.size());
        misses.forEach(m -> System.out.println("  " + m));
        assertTrue(IDENTITIES.size() >= 80, "fewer than 80 identities");
        assertTrue(misses.isEmpty(), misses.size() + " identities print otherwise:\n" + String.join("\n", misses));
    }

    /** Null if the identity's derivative prints as its source prints it, else what it prints. */
    private static String check(Identity identity) {
        Map<String, Shape> declared = declarations(identity.declarations());
        Expr f = TypeChecker.expression(identity.function(), declared).expr();
        Expr.Variable wrt = (Expr.Variable) Expr.variable(identity.wrt(), declared.get(identity.wrt()));
        Expr derived = switch (identity.kind()) {
            case GRADIENT -> Derivatives.gradient(f, wrt);
            case JACOBIAN -> Derivatives.jacobian(f, wrt);
            case HESSIAN -> Derivatives.hessian(f, wrt);
        };
        Source source = Source.ofExpression(identity.textbook());
        Expr textbook = TypeChecker.expression(source, CalcSyntax.parseExpression(source), declared, derived.shape()).expr();
        if (PrintedForm.of(derived).equals(PrintedForm.of(textbook))) {
            return null;
        }
        return identity + ": expected " + Printer.print(textbook, Format.TEXT) + ", printed "
                + Printer.print(derived, Format.TEXT);
    }

    private static Map<String, Shape> declarations(String text) {
        Map<String, Shape> declared = new LinkedHashMap<>();
        for (String declaration : text.split(";")) {
            String[] parts = declaration.trim().split(":");
            declared.put(parts[0].trim(),
                    TypeChecker.shapeOf(CalcSyntax.parseType(Source.ofExpression(parts[1].trim()))));
        }
        return declared;
    }
}
