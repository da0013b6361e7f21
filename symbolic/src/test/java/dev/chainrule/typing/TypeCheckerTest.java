package dev.chainrule.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.graph.Expr;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeCheckerTest {
    private static final Dim N = Dim.of("n");
    private static final Dim M = Dim.of("m");

    private static TypedExpression check(String text) {
        return TypeChecker.expression(text, Map.of());
    }

    private static String error(String text, Map<String, Shape> declared) {
        CalcException e = assertThrows(CalcException.class, () -> TypeChecker.expression(text, declared));
        assertEquals(1, e.diagnostics().size());
        return e.diagnostics().get(0).render();
    }

    private static String fileError(String text) {
        CalcException e = assertThrows(CalcException.class,
                () -> TypeChecker.file(CalcSyntax.parseFile(new Source("f.calc", text))));
        return e.getMessage();
    }

    @Test
    void aWhereDefinitionTakesTheShapeOfItsValueAndIsNotAVariable() {
        TypedExpression t = check("sum(t .* t) where t = A*x");
        assertEquals(java.util.List.of("A", "x"), java.util.List.copyOf(t.variables().keySet()));
        assertEquals(Shape.vector(N), t.definitions().get("t").shape(), "t is A x, a vector, not a vector by its letter");
        assertSame(check("sum((A*x) .* (A*x))").expr(), t.expr());
    }

    @Test
    void aWhereDefinitionUsedBeforeItIsDefinedIsAnError() {
        assertEquals("""
                <expr>:1:16: 's' is used before its definition; define each name before the definitions that use it
                    t where t = s, s = x
                                   ^""", error("t where t = s, s = x", Map.of()));
    }

    @Test
    void aWhereDefinitionCannotRenameAVariableOrADimension() {
        assertEquals("""
                <expr>:1:14: 'x' is already a name of the expression; a definition after 'where' needs a new name
                    sum(x) where x = y
                                 ^""", error("sum(x) where x = y", Map.of("x", Shape.vector(N), "y", Shape.vector(N))));
        assertEquals("""
                <expr>:1:11: 'n' is already a dimension; a definition after 'where' needs a new name
                    x*t where n = 2, t = 1
                              ^""", error("x*t where n = 2, t = 1", Map.of("x", Shape.vector(N))));
    }

    @Test
    void quadraticFormUnifiesTheDimensionsOfUndeclaredNames() {
        TypedExpression t = check("x'*A*x");
        assertEquals(Shape.SCALAR, t.expr().shape());
        assertEquals(Shape.vector(N), t.variables().get("x").shape());
        assertEquals(Shape.matrix(N, N), t.variables().get("A").shape());
    }

    @Test
    void namingConventionGivesScalarsVectorsAndMatrices() {
        TypedExpression t = check("a*x + A*y");
        assertEquals(Shape.SCALAR, t.variables().get("a").shape());
        assertEquals(Shape.vector(N), t.variables().get("x").shape());
        assertEquals(Shape.matrix(N, Dim.of("k")), t.variables().get("A").shape());
        assertEquals(Shape.vector(Dim.of("k")), t.variables().get("y").shape());
    }

    @Test
    void matrixTimesVectorIsAVectorOfItsRows() {
        TypedExpression t = TypeChecker.expression("A*x", Map.of("A", Shape.matrix(M, N), "x", Shape.vector(N)));
        assertEquals(Shape.vector(M), t.expr().shape());
        assertInstanceOf(Expr.Product.class, t.expr());
    }

    @Test
    void scalarExpansionAddsTheScalarToEveryEntry() {
        TypedExpression t = TypeChecker.expression("X*w + b",
                Map.of("X", Shape.matrix(M, N), "w", Shape.vector(N), "b", Shape.SCALAR));
        Expr.Add add = assertInstanceOf(Expr.Add.class, t.expr());
        Expr.Scale expanded = assertInstanceOf(Expr.Scale.class, add.right());
        assertSame(t.variables().get("b"), expanded.factor());
        assertEquals(Expr.ones(Shape.vector(M)), expanded.operand());
    }

    @Test
    void dotProductFormsAreOneNode() {
        Expr paper = check("w · x").expr();
        assertSame(paper, check("w . x").expr());
        assertSame(paper, check("dot(w, x)").expr());
        assertSame(paper, check("w'*x").expr());
    }

    @Test
    void maxWithZeroIsTheRectifier() {
        Expr.Apply relu = assertInstanceOf(Expr.Apply.class, check("max(0, x)").expr());
        assertEquals(dev.chainrule.graph.Fn.RELU, relu.fn());
        assertSame(relu, check("relu(x)").expr());
    }

    @Test
    void vectorConstructorTakesItsLengthFromContext() {
        TypedExpression t = TypeChecker.expression("x .* vector(2)", Map.of("x", Shape.vector(Dim.of(3))));
        Expr.Hadamard h = assertInstanceOf(Expr.Hadamard.class, t.expr());
        assertEquals(Expr.constant(2, Shape.vector(Dim.of(3))), h.right());
    }

    @Test
    void symbolicDimensionIsAScalarValue() {
        TypedExpression t = TypeChecker.expression("sum(x) / n", Map.of("x", Shape.vector(N)));
        Expr.Divide d = assertInstanceOf(Expr.Divide.class, t.expr());
        assertEquals(Expr.size(N), d.right());
    }

    @Test
    void equalSubexpressionsAreOneNode() {
        Expr.Add add = assertInstanceOf(Expr.Add.class, check("tanh(A*x) + tanh(A*x)").expr());
        assertSame(add.left(), add.right());
    }

    @Test
    void multiplyingMismatchedShapesNamesBothShapes() {
        assertEquals("""
                <expr>:1:2: cannot multiply matrix[m,n] by vector[k]: n ≠ k
                    A*x
                     ^""", error("A*x", Map.of("A", Shape.matrix(M, N), "x", Shape.vector(Dim.of("k")))));
    }

    @Test
    void multiplyingTwoVectorsSuggestsTheDotProduct() {
        assertEquals("""
                <expr>:1:3: cannot multiply vector[n] by vector[n]: use x'*y for the dot product or x.*y for the element-wise product
                    x * y
                      ^""", error("x * y", Map.of("x", Shape.vector(N), "y", Shape.vector(N))));
    }

    @Test
    void addingMismatchedShapesNamesBothShapes() {
        assertEquals("""
                <expr>:1:8: cannot add vector[n] and vector[m]: n ≠ m
                    sin(x) + y
                           ^""", error("sin(x) + y", Map.of("x", Shape.vector(N), "y", Shape.vector(M))));
        assertEquals("""
                <expr>:1:3: cannot add vector[n] and matrix[n,n]
                    x + A
                      ^""", error("x + A", Map.of("x", Shape.vector(N), "A", Shape.matrix(N, N))));
    }

    @Test
    void dividingByAVectorPointsToElementWiseDivision() {
        assertEquals("""
                <expr>:1:3: cannot divide scalar by vector[n]: / divides by a scalar; use ./ for element-wise division
                    a / x
                      ^
                <expr>:1:5: note: x is undeclared, so a vector by its first letter (a–g scalars, h–z vectors, A–Z matrices): declare it as x: scalar
                    a / x
                        ^""", error("a / x", Map.of()));
    }

    @Test
    void powerOfAVectorPointsToElementWisePower() {
        assertEquals("""
                <expr>:1:2: cannot raise vector[n] to the power scalar: ^ is for scalars; use .^ for an element-wise power
                    x^2
                     ^
                <expr>:1:1: note: x is undeclared, so a vector by its first letter (a–g scalars, h–z vectors, A–Z matrices): declare it as x: scalar
                    x^2
                    ^""", error("x^2", Map.of()));
    }

    @Test
    void traceOfANonSquareMatrix() {
        assertEquals("""
                <expr>:1:1: tr needs a square matrix, not matrix[m,n]: m ≠ n
                    tr(A)
                    ^~""", error("tr(A)", Map.of("A", Shape.matrix(M, N))));
    }

    @Test
    void unknownFunctionSuggestsTheNearestName() {
        assertEquals("""
                <expr>:1:5: unknown function 'sinn': did you mean 'sin'?
                    2 * sinn(x)
                        ^~~~""", error("2 * sinn(x)", Map.of()));
        assertEquals("""
                <expr>:1:1: unknown function 'frobnicate'
                    frobnicate(x)
                    ^~~~~~~~~~""", error("frobnicate(x)", Map.of()));
    }

    @Test
    void wrongArityIsReported() {
        assertEquals("""
                <expr>:1:1: sum takes 1 argument, not 2
                    sum(x, y)
                    ^~~""", error("sum(x, y)", Map.of()));
        assertEquals("""
                <expr>:1:1: dot takes 2 arguments, not 1
                    dot(x)
                    ^~~""", error("dot(x)", Map.of()));
    }

    @Test
    void redeclaredParameterPointsAtTheSecondDeclaration() {
        assertEquals("""
                f.calc:1:26: redeclaration of 'x' (first declared at 1:12)
                    function f(x: vector[n], x: scalar) = sum(x);
                                             ^""", fileError("function f(x: vector[n], x: scalar) = sum(x);"));
    }

    @Test
    void dimensionUsedInconsistentlyAcrossParameters() {
        String source = "function f(x: vector[n], y: vector[m]) = x + y;";
        assertEquals("f.calc:1:44: cannot add vector[n] and vector[m]: n ≠ m\n    " + source + "\n    "
                + " ".repeat(source.indexOf('+')) + "^", fileError(source));
    }

    @Test
    void undeclaredNameInAFileIsAnError() {
        assertEquals("""
                f.calc:1:32: unknown name 'q': declare it as a parameter, as in q: vector[n]
                    function f(x: vector[n]) = x + q;
                                                   ^""", fileError("function f(x: vector[n]) = x + q;"));
    }

    @Test
    void aTypoOfADeclaredNameAsksWhetherThatNameWasMeant() {
        assertEquals("""
                f.calc:2:5: unknown name 'lamda': did you mean 'lambda'?
                        lamda * norm2(w)^2
                        ^~~~~""", fileError("""
                function f(w: vector[n], lambda: scalar) =
                    lamda * norm2(w)^2
                    gradient wrt w;
                """));
    }

    @Test
    void anUnknownNameIsToBeDeclaredWithTheShapeTheFunctionNeeds() {
        // y meets X*w, so it is a vector of N entries; c multiplies a scalar body, so a scalar
        // (its first letter says so too); Q multiplies w, so a matrix of n columns.
        assertEquals("f.calc:2:19: unknown name 'y': declare it as a parameter, as in y: vector[N]",
                fileErrorHeadline("sum(softplus(-y .* (X*w)))"));
        assertEquals("f.calc:2:9: unknown name 'Q': declare it as a parameter, as in Q: matrix[m, n]",
                fileErrorHeadline("sum(Q*w)"));
        // lamda's first letter says vector, but the gradient needs a scalar body.
        assertEquals("f.calc:2:5: unknown name 'lamda': declare it as a parameter, as in lamda: scalar",
                fileErrorHeadline("lamda * sum(X*w)"));
    }

    private static String fileErrorHeadline(String body) {
        CalcException e = assertThrows(CalcException.class, () -> TypeChecker.file(CalcSyntax.parseFile(
                new Source("f.calc", "function f(w: vector[n], X: matrix[N, n]) =\n    " + body
                        + "\n    gradient wrt w;\n"))));
        return e.diagnostics().get(0).headline();
    }

    @Test
    void aShapeErrorFromAFirstLetterSaysSoAtTheName() {
        assertEquals("""
                <expr>:1:8: cannot divide vector[n] by matrix[m,k]: / divides by a scalar; use ./ for element-wise division
                    sum(x) / N
                           ^
                <expr>:1:10: note: N is undeclared, so a matrix by its first letter (a–g scalars, h–z vectors, A–Z matrices): declare it as N: scalar
                    sum(x) / N
                             ^""".replace("vector[n]", "scalar"), error("sum(x) / N", Map.of()));
        // No note where declaring the name differently would not help: x is a vector either way.
        assertEquals(1, assertThrows(CalcException.class, () -> TypeChecker.expression("A*B + x",
                Map.of("A", Shape.matrix(N, N), "B", Shape.matrix(N, N)))).diagnostics().size());
        assertEquals(List.of(), assertThrows(CalcException.class, () -> TypeChecker.expression("x .* [1, 2] + [1, 2, 3]",
                Map.of())).diagnostics().get(0).notes());
    }

    @Test
    void gradientOfAVectorFunctionIsAnError() {
        assertEquals("""
                f.calc:1:34: gradient needs a scalar function, but f is vector[n]: use jacobian
                    function f(x: vector[n]) = 2 * x gradient wrt x;
                                                     ^~~~~~~~""", fileError("function f(x: vector[n]) = 2 * x gradient wrt x;"));
    }

    @Test
    void errorsOfSeveralFunctionsAreReportedTogether() {
        CalcException e = assertThrows(CalcException.class, () -> TypeChecker.file(CalcSyntax.parseFile(
                new Source("f.calc", "function f(x: vector[n]) = x * x;\nfunction g(a: scalar) = sinn(a);\n"))));
        assertEquals(2, e.diagnostics().size());
        assertEquals("f.calc:1:30: cannot multiply vector[n] by vector[n]: use x'*y for the dot product or x.*y "
                + "for the element-wise product", e.diagnostics().get(0).headline());
        assertEquals("f.calc:2:25: unknown function 'sinn': did you mean 'sin'?", e.diagnostics().get(1).headline());
    }

    @Test
    void paperNeuronAndLossCheck() {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("paper.calc", """
                package examples.paper;
                // The paper's neuron and its loss over N samples.
                function activation(w: vector[n], b: scalar, x: vector[n]) =
                    z = w . x + b;
                    max(0, z)
                    gradient wrt w, b;
                function loss(w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]) =
                    sum((y - max(0, X*w + b)) .^ 2) / N
                    gradient wrt w, b;
                """)));
        assertEquals("examples.paper", file.packageName());
        assertEquals(2, file.functions().size());
        TypedFunction loss = file.functions().get(1);
        assertEquals(Shape.SCALAR, loss.body().shape());
        assertEquals(java.util.List.of("w", "b"),
                loss.requests().get(0).wrt().stream().map(Expr.Variable::name).toList());
    }

    @Test
    void localDefinitionIsASharedNode() {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source("f.calc",
                "function f(x: vector[n]) = z = tanh(x); sum(z .* z);")));
        Expr body = file.functions().get(0).body();
        Expr.Hadamard h = assertInstanceOf(Expr.Hadamard.class, ((Expr.Sum) body).operand());
        assertSame(h.left(), h.right());
    }

    @Test
    void expectedShapePinsTheLengthOfAConstructor() {
        Map<String, Shape> none = new LinkedHashMap<>();
        Source source = Source.ofExpression("vector(1)");
        TypedExpression t = TypeChecker.expression(source, CalcSyntax.parseExpression(source), none,
                Shape.vector(Dim.of(4)));
        assertEquals(Expr.ones(Shape.vector(Dim.of(4))), t.expr());
    }

    @Test
    void tenThousandNestedParenthesesGiveAResultOrADiagnostic() throws Exception {
        String deep = "(".repeat(10_000) + "x" + ")".repeat(10_000);
        Throwable[] failure = new Throwable[1];
        Thread big = new Thread(null, () -> {
            try {
                assertEquals(Shape.vector(N), check(deep).expr().shape());
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "deep", 1L << 30);
        big.start();
        big.join();
        if (failure[0] != null && !(failure[0] instanceof CalcException)) {
            throw new AssertionError(failure[0]);
        }
    }
}
