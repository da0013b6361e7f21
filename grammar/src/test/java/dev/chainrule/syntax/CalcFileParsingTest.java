package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.syntax.CalcFile.FunctionDecl;
import dev.chainrule.syntax.CalcFile.LocalDef;
import dev.chainrule.syntax.CalcFile.Param;
import dev.chainrule.syntax.TypeSpec.DimSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code .calc} files: package, functions, parameters, local definitions, derivative requests, comments. */
class CalcFileParsingTest {

    private static final String PAPER = """
            package examples.paper;
            // The paper's neuron
            function activation(w: vector[n], b: scalar, x: vector[n]) =
                z = w . x + b;
                max(0, z)
                gradient wrt w, b;

            /* The loss over N samples,
               the rows of X. */
            function loss(w: vector[n], b: scalar, X: matrix[N, n], y: vector[N]) =
                sum((y - max(0, X*w + b)) .^ 2) / N
                gradient wrt w, b;
            """;

    private static CalcFile parse(String text) {
        return CalcSyntax.parseFile(new Source("test.calc", text));
    }

    private static List<String> names(List<Ast.Name> names) {
        return names.stream().map(Ast.Name::id).toList();
    }

    @Test
    void paperExampleHasPackageAndTwoFunctions() {
        CalcFile file = parse(PAPER);
        assertEquals("examples.paper", file.packageName());
        assertEquals(List.of("activation", "loss"), file.functions().stream().map(FunctionDecl::name).toList());
        assertEquals("test.calc", file.source().name());
        assertEquals(PAPER, file.source().text());
    }

    @Test
    void paperNeuronHasParamsLocalBodyAndRequest() {
        FunctionDecl activation = parse(PAPER).functions().get(0);
        assertEquals(new Span(3, 10, 10), activation.span(), "a function's span is its name's");

        List<Param> params = activation.params();
        assertEquals(List.of("w", "b", "x"), params.stream().map(Param::name).toList());
        assertEquals(List.of("vector[n]", "scalar", "vector[n]"),
                params.stream().map(p -> p.type().toString()).toList());
        assertEquals(new Span(3, 21, 1), params.get(0).span(), "a parameter's span is its name's");

        assertEquals(1, activation.locals().size());
        LocalDef z = activation.locals().get(0);
        assertEquals("z", z.name());
        assertEquals(new Span(4, 5, 1), z.span());
        assertEquals("(+ (. w x) b)", AstPrinter.print(z.value()));

        assertEquals("(max 0 z)", AstPrinter.print(activation.body()));

        DerivativeRequest gradient = activation.requests().get(0);
        assertEquals(DerivativeRequest.Kind.GRADIENT, gradient.kind());
        assertEquals(List.of("w", "b"), names(gradient.wrt()));
        assertEquals(new Span(6, 5, 8), gradient.span(), "a request's span is its keyword's");
        assertEquals(new Span(6, 18, 1), gradient.wrt().get(0).span());
        assertEquals(new Span(6, 21, 1), gradient.wrt().get(1).span());
    }

    @Test
    void paperLossHasMatrixParamAndNoLocals() {
        FunctionDecl loss = parse(PAPER).functions().get(1);
        assertEquals(List.of("vector[n]", "scalar", "matrix[N,n]", "vector[N]"),
                loss.params().stream().map(p -> p.type().toString()).toList());
        assertTrue(loss.locals().isEmpty());
        assertEquals("(/ (sum (.^ (- y (max 0 (+ (* X w) b))) 2)) N)", AstPrinter.print(loss.body()));
        assertEquals(List.of("w", "b"), names(loss.requests().get(0).wrt()));
    }

    @Test
    void everyParameterTypeIsRead() {
        FunctionDecl f = parse("function f(s: scalar, v: vector[n], t: vector[3], A: matrix[m,n], X: matrix[N, n],"
                + " B: matrix[2, k], C: matrix[4,5]) = s;").functions().get(0);
        List<TypeSpec> types = f.params().stream().map(Param::type).toList();

        assertEquals(TypeSpec.Kind.SCALAR, types.get(0).kind());
        assertTrue(types.get(0).dims().isEmpty());

        assertEquals(TypeSpec.Kind.VECTOR, types.get(1).kind());
        DimSpec n = types.get(1).dims().get(0);
        assertFalse(n.isFixed());
        assertEquals("n", n.symbol());

        DimSpec three = types.get(2).dims().get(0);
        assertTrue(three.isFixed());
        assertEquals(3, three.size());

        assertEquals(TypeSpec.Kind.MATRIX, types.get(3).kind());
        assertEquals(List.of("m", "n"), types.get(3).dims().stream().map(DimSpec::toString).toList());
        assertEquals(List.of("N", "n"), types.get(4).dims().stream().map(DimSpec::toString).toList());
        assertEquals(List.of("2", "k"), types.get(5).dims().stream().map(DimSpec::toString).toList());
        assertEquals("matrix[4,5]", types.get(6).toString());
    }

    @Test
    void typeAndDimensionSpansPointAtTheirText() {
        TypeSpec type = parse("function f(A: matrix[m, 3]) = A;").functions().get(0).params().get(0).type();
        assertEquals(new Span(1, 15, 6), type.span());
        assertEquals(new Span(1, 22, 1), type.dims().get(0).span());
        assertEquals(new Span(1, 25, 1), type.dims().get(1).span());
    }

    @Test
    void functionMayHaveNoParameters() {
        FunctionDecl f = parse("function one() = 1;").functions().get(0);
        assertTrue(f.params().isEmpty());
        assertEquals("1", AstPrinter.print(f.body()));
    }

    @Test
    void functionMayHaveNoRequests() {
        FunctionDecl f = parse("function f(x: vector[n]) = sum(x);").functions().get(0);
        assertTrue(f.requests().isEmpty());
    }

    @Test
    void severalLocalsInOrder() {
        FunctionDecl f = parse("""
                function f(W: matrix[m,n], x: vector[n]) =
                    h = W*x;
                    a = tanh(h);
                    s = sum(a);
                    s^2
                    gradient wrt x;
                """).functions().get(0);
        assertEquals(List.of("h", "a", "s"), f.locals().stream().map(LocalDef::name).toList());
        assertEquals(List.of("(* W x)", "(tanh h)", "(sum a)"),
                f.locals().stream().map(l -> AstPrinter.print(l.value())).toList());
        assertEquals("(^ s 2)", AstPrinter.print(f.body()));
    }

    @Test
    void eachRequestKindIsRead() {
        FunctionDecl f = parse("""
                function f(x: vector[n], A: matrix[n,n]) = x' * A * x
                    gradient wrt x
                    jacobian wrt x
                    hessian wrt x;
                """).functions().get(0);
        assertEquals(List.of(DerivativeRequest.Kind.GRADIENT, DerivativeRequest.Kind.JACOBIAN,
                DerivativeRequest.Kind.HESSIAN), f.requests().stream().map(DerivativeRequest::kind).toList());
        f.requests().forEach(r -> assertEquals(List.of("x"), names(r.wrt())));
        assertEquals(new Span(3, 5, 8), f.requests().get(1).span());
        assertEquals(new Span(4, 5, 7), f.requests().get(2).span());
    }

    @Test
    void jacobianOfAVectorFunction() {
        FunctionDecl f = parse("function g(W: matrix[m,n], x: vector[n]) = tanh(W*x) jacobian wrt x, W;")
                .functions().get(0);
        assertEquals(DerivativeRequest.Kind.JACOBIAN, f.requests().get(0).kind());
        assertEquals(List.of("x", "W"), names(f.requests().get(0).wrt()));
    }

    @Test
    void severalRequestsOfOneKind() {
        FunctionDecl f = parse("function f(a: scalar, b: scalar) = a*b gradient wrt a gradient wrt b;")
                .functions().get(0);
        assertEquals(2, f.requests().size());
        assertEquals(List.of("a"), names(f.requests().get(0).wrt()));
        assertEquals(List.of("b"), names(f.requests().get(1).wrt()));
    }

    @Test
    void packageIsOptional() {
        CalcFile file = parse("function f(x: scalar) = x;");
        assertEquals("", file.packageName());
        assertEquals(1, file.functions().size());
    }

    @Test
    void packageWithOneOrManyParts() {
        assertEquals("calc", parse("package calc;").packageName());
        assertEquals("org.example.nn.layers", parse("package org . example.nn .layers;").packageName());
    }

    @Test
    void eachPartOfThePackageNameKeepsItsPlaceForMessages() {
        assertEquals(List.of(new Span(1, 9, 3), new Span(1, 15, 7), new Span(1, 23, 2)),
                parse("package org . example.nn;").packageSpans());
        assertEquals(List.of(), parse("function f(x: scalar) = x;").packageSpans());
    }

    @Test
    void emptyFileAndCommentOnlyFileHaveNoFunctions() {
        assertTrue(parse("").functions().isEmpty());
        assertTrue(parse("  // nothing\n/* at\n all */\n").functions().isEmpty());
        assertEquals("p", parse("package p; // only a package").packageName());
    }

    @Test
    void commentsAnywhereBetweenTokens() {
        FunctionDecl f = parse("""
                /* header */ package /* here */ p; // and here
                function /* a */ f( // b
                    x: /* c */ vector[ /* d */ n] // e
                ) = // f
                    y = x; /* g */
                    sum(y) // h
                    gradient /* i */ wrt x // j
                ; // k
                """).functions().get(0);
        assertEquals("f", f.name());
        assertEquals("vector[n]", f.params().get(0).type().toString());
        assertEquals("(sum y)", AstPrinter.print(f.body()));
        assertEquals(List.of("x"), names(f.requests().get(0).wrt()));
    }

    @Test
    void listsInAFileAreImmutable() {
        CalcFile file = parse(PAPER);
        assertThrows(UnsupportedOperationException.class, () -> file.functions().clear());
        assertThrows(UnsupportedOperationException.class, () -> file.functions().get(0).params().clear());
        assertThrows(UnsupportedOperationException.class, () -> file.functions().get(0).locals().clear());
        assertThrows(UnsupportedOperationException.class, () -> file.functions().get(0).requests().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> file.functions().get(0).requests().get(0).wrt().clear());
    }

    @Test
    void parseTypeReadsAStandaloneType() {
        assertEquals("scalar", CalcSyntax.parseType(new Source("<type>", "scalar")).toString());
        assertEquals("vector[n]", CalcSyntax.parseType(new Source("<type>", "vector[n]")).toString());
        assertEquals("matrix[m,3]", CalcSyntax.parseType(new Source("<type>", "matrix[ m , 3 ]")).toString());
    }

    @Test
    void duplicateNamesAreLeftToTheTypeChecker() {
        // The parser reads them; the type checker reports redeclarations with both places.
        CalcFile file = parse("function f(x: scalar, x: scalar) = x; function f(y: scalar) = y;");
        assertEquals(2, file.functions().size());
        assertEquals(2, file.functions().get(0).params().size());
    }
}
