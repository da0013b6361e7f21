package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic the parser gives, pinned with its exact text and caret: {@code file:line:col:
 * message}, the source line (indented four spaces) and a caret with tildes under the offending text.
 */
class SyntaxDiagnosticsTest {

    private static List<Diagnostic> expressionErrors(String expression) {
        return assertThrows(CalcException.class, () -> CalcSyntax.parseExpression(expression)).diagnostics();
    }

    private static List<Diagnostic> fileErrors(String text) {
        return assertThrows(CalcException.class, () -> CalcSyntax.parseFile(new Source("model.calc", text)))
                .diagnostics();
    }

    /** The one diagnostic an expression gives, rendered. */
    private static String expressionError(String expression) {
        List<Diagnostic> diagnostics = expressionErrors(expression);
        assertEquals(1, diagnostics.size(), () -> "one diagnostic expected, got " + diagnostics);
        return diagnostics.get(0).render();
    }

    private static String fileError(String text) {
        List<Diagnostic> diagnostics = fileErrors(text);
        assertEquals(1, diagnostics.size(), () -> "one diagnostic expected, got " + diagnostics);
        return diagnostics.get(0).render();
    }

    private static String render(List<Diagnostic> diagnostics) {
        return String.join("\n", diagnostics.stream().map(Diagnostic::render).toList());
    }

    // ---- expressions ----------------------------------------------------------------------------

    @Test
    void unexpectedTokenWhereAnExpressionShouldStart() {
        assertEquals("""
                <expr>:1:5: unexpected '*', expected an expression
                    x + * y
                        ^""", expressionError("x + * y"));
    }

    @Test
    void unexpectedEndOfInputAfterAnOperator() {
        assertEquals("""
                <expr>:1:4: unexpected end of input, expected an expression
                    x +
                       ^""", expressionError("x +"));
    }

    @Test
    void unexpectedEndOfInputIsShownAfterTheLastTokenNotOnTheEmptyLastLine() {
        assertEquals("""
                <expr>:1:4: unexpected end of input, expected an expression
                    x +
                       ^""", expressionError("x +\n\n// done\n"));
    }

    @Test
    void emptyInput() {
        assertEquals("""
                <expr>:1:1: unexpected end of input, expected an expression
                    \n    ^""", expressionError(""));
    }

    @Test
    void unexpectedCharacter() {
        assertEquals("""
                <expr>:1:3: unexpected character '$'
                    a $ b
                      ^""", expressionError("a $ b"));
    }

    @Test
    void invisibleUnexpectedCharacterIsNamedByItsCodePoint() {
        assertEquals("""
                <expr>:1:2: unexpected character U+200B
                    x\u200By
                     ^""", expressionError("x\u200By"));
    }

    @Test
    void unclosedParenthesis() {
        assertEquals("""
                <expr>:1:7: unexpected end of input, expected ')'
                    (x + y
                          ^
                <expr>:1:1: note: '(' opened here is not closed
                    (x + y
                    ^""", expressionError("(x + y"));
        assertEquals("<expr>:1:5: unexpected end of input, expected ')'", expressionErrors("(((x").get(0).headline());
    }

    @Test
    void unopenedParenthesis() {
        assertEquals("""
                <expr>:1:6: unexpected ')', expected end of input
                    x + y)
                         ^""", expressionError("x + y)"));
    }

    @Test
    void whereNeedsDefinitions() {
        assertEquals("""
                <expr>:1:8: unexpected end of input, expected a name
                    x where
                           ^""", expressionError("x where"));
    }

    @Test
    void whereBelongsToAWholeExpressionNotToAParenthesis() {
        assertEquals("""
                <expr>:1:8: unexpected 'where', expected ')'
                    x + (t where t = y)
                           ^~~~~
                <expr>:1:5: note: '(' opened here is not closed
                    x + (t where t = y)
                        ^""", expressionErrors("x + (t where t = y)").get(0).render());
    }

    @Test
    void whereIsAKeywordNotAName() {
        assertEquals("""
                <expr>:1:1: unexpected 'where', expected an expression
                    where + 1
                    ^~~~~""", expressionError("where + 1"));
    }

    @Test
    void unclosedCallSaysCommaOrParenthesis() {
        assertEquals("""
                <expr>:1:9: unexpected end of input, expected ',' or ')'
                    max(0, z
                            ^
                <expr>:1:4: note: '(' opened here is not closed
                    max(0, z
                       ^""", expressionError("max(0, z"));
    }

    /** A missing ')' is found where parsing fails, a line later: a note points back at the '('. */
    @Test
    void unclosedParenthesisInAFileIsNotedWhereItOpened() {
        assertEquals("""
                model.calc:4:5: unexpected 'gradient', expected ',' or ')'
                        gradient wrt w;
                        ^~~~~~~~
                model.calc:3:19: note: '(' opened here is not closed
                        lambda * norm2(w^2
                                      ^""", fileError("""
                package p;
                function f(w: vector[n], lambda: scalar) =
                    lambda * norm2(w^2
                    gradient wrt w;
                """));
    }

    @Test
    void missingArgumentAfterAComma() {
        assertEquals("""
                <expr>:1:5: unexpected ')', expected an expression
                    f(x,)
                        ^""", expressionError("f(x,)"));
        assertEquals("<expr>:1:3: unexpected ',', expected an expression or ')'",
                expressionErrors("f(,x)").get(0).headline());
    }

    @Test
    void twoOperandsSideBySideAskForAnOperator() {
        assertEquals("""
                <expr>:1:2: unexpected 'x', expected an operator or end of input
                    2x
                     ^""", expressionError("2x"));
        assertEquals("<expr>:1:5: unexpected 'x', expected an operator or end of input",
                expressionErrors("sin x").get(0).headline());
        assertEquals("<expr>:1:6: unexpected '(', expected an operator or end of input",
                expressionErrors("f(x) (y)").get(0).headline());
        assertEquals("<expr>:1:7: unexpected 'z', expected an operator, ',' or ')'",
                expressionErrors("max(0 z)").get(0).headline());
    }

    @Test
    void doubleStarHintsAtThePowerOperators() {
        assertEquals("""
                <expr>:1:4: unexpected '*', expected an expression (write ^ for a power of a scalar, .^ for an element-wise power)
                    x ** 2
                       ^""", expressionError("x ** 2"));
    }

    @Test
    void tokenLongerThanOneCharacterIsUnderlinedWithTildes() {
        assertEquals("""
                <expr>:1:5: unexpected '.*', expected an expression
                    x + .* y
                        ^~""", expressionError("x + .* y"));
    }

    @Test
    void aQuoteIsShownInDoubleQuotes() {
        assertEquals("<expr>:1:3: unexpected \"'\", expected an expression", expressionErrors("x.'").get(0).headline());
    }

    @Test
    void stuffAfterACompleteExpression() {
        assertEquals("<expr>:1:2: unexpected ';', expected end of input", expressionErrors("x;").get(0).headline());
        assertEquals("<expr>:1:3: unexpected '=', expected end of input", expressionErrors("a = b").get(0).headline());
    }

    @Test
    void unterminatedBlockComment() {
        assertEquals("""
                <expr>:1:3: unterminated comment: '/*' needs a closing '*/'
                    x /* forgot to close
                      ^~~~~~~~~~~~~~~~~~""", expressionError("x /* forgot to close\nmore\n"));
    }

    @Test
    void expressionSourceIsNamedExprInEveryHeadline() {
        CalcException e = assertThrows(CalcException.class, () -> CalcSyntax.parseExpression("x +"));
        assertEquals("<expr>", e.diagnostics().get(0).source().name());
        assertEquals("x +", e.diagnostics().get(0).source().text());
    }

    // ---- files ----------------------------------------------------------------------------------

    @Test
    void severalSyntaxErrorsInOneFileAreReportedTogether() {
        List<Diagnostic> diagnostics = fileErrors("""
                function f(x: scalar) = x +;
                function g(x: scalar) = * x;
                function h(x: $) = x;
                """);
        assertEquals("""
                model.calc:1:28: unexpected ';', expected an expression
                    function f(x: scalar) = x +;
                                               ^
                model.calc:2:25: unexpected '*', expected an expression
                    function g(x: scalar) = * x;
                                            ^
                model.calc:3:15: unexpected character '$'
                    function h(x: $) = x;
                                  ^""", render(diagnostics));
    }

    @Test
    void theExceptionMessageIsEveryDiagnosticRendered() {
        CalcException e = assertThrows(CalcException.class,
                () -> CalcSyntax.parseFile(new Source("model.calc", "function f(x: scalar) = x +;\nfunction g() = ;")));
        assertEquals(2, e.diagnostics().size());
        assertEquals(render(e.diagnostics()), e.getMessage());
    }

    @Test
    void missingSemicolonBetweenFunctionsIsShownAtTheEndOfTheLine() {
        assertEquals("""
                model.calc:2:26: expected ';', 'gradient', 'jacobian', 'hessian' or 'hvp' at the end of this line, \
                found 'function' on line 3
                    function f(x: scalar) = x
                                             ^""",
                fileError("package p;\nfunction f(x: scalar) = x\nfunction g(y: scalar) = y;"));
    }

    @Test
    void missingSemicolonAfterARequest() {
        assertEquals("""
                model.calc:6:19: expected ';', ',', 'gradient', 'jacobian', 'hessian' or 'hvp' at the end of this line, \
                found 'function' on line 7
                        gradient wrt x
                                      ^""", fileError("""
                package examples;

                function f(x: vector[n]) =
                    sum(x)

                    gradient wrt x
                function g(y: scalar) = y;
                """));
    }

    @Test
    void missingSemicolonAfterALocalDefinition() {
        List<Diagnostic> diagnostics = fileErrors("""
                function activation(w: vector[n], b: scalar, x: vector[n]) =
                    z = w . x + b
                    max(0, z)
                    gradient wrt w, b;
                """);
        assertEquals("""
                model.calc:2:18: expected an operator or ';' at the end of this line, found 'max' on line 3
                        z = w . x + b
                                     ^""", diagnostics.get(0).render());
    }

    @Test
    void missingSemicolonAtTheEndOfTheFile() {
        assertEquals("""
                model.calc:1:34: unexpected end of input, expected ';', 'gradient', 'jacobian', 'hessian' or 'hvp'
                    function f(x: vector[n]) = sum(x)
                                                     ^""", fileError("function f(x: vector[n]) = sum(x)\n// end\n"));
    }

    @Test
    void missingSemicolonAfterThePackage() {
        assertEquals("""
                model.calc:1:17: expected ';' at the end of this line, found 'function' on line 2
                    package examples
                                    ^""", fileError("package examples\nfunction f() = 1;"));
    }

    @Test
    void misspeltRequestKeyword() {
        assertEquals("""
                model.calc:1:27: unexpected 'gradiant', expected an operator, ';', 'gradient', 'jacobian', 'hessian' or 'hvp'
                    function f(x: scalar) = x gradiant wrt x;
                                              ^~~~~~~~""", fileError("function f(x: scalar) = x gradiant wrt x;"));
    }

    @Test
    void requestWithoutWrt() {
        assertEquals("""
                model.calc:1:36: unexpected 'x', expected 'wrt'
                    function f(x: scalar) = x gradient x;
                                                       ^""", fileError("function f(x: scalar) = x gradient x;"));
    }

    @Test
    void missingCommaBetweenVariables() {
        assertEquals("""
                model.calc:1:50: unexpected 'b', expected ';', ',', 'gradient', 'jacobian', 'hessian' or 'hvp'
                    function f(w: vector[n]) = sum(w) gradient wrt w b;
                                                                     ^""",
                fileError("function f(w: vector[n]) = sum(w) gradient wrt w b;"));
    }

    @Test
    void packageNameWithASpace() {
        assertEquals("model.calc:1:11: unexpected 'b', expected ';'",
                fileErrors("package a b;\nfunction f() = 1;").get(0).headline());
        assertEquals("model.calc:1:11: unexpected ';', expected a name", fileErrors("package a.;").get(0).headline());
    }

    @Test
    void requestWithoutVariables() {
        assertEquals("model.calc:1:39: unexpected ';', expected a name",
                fileErrors("function f(x: scalar) = x gradient wrt;").get(0).headline());
    }

    @Test
    void requestsAreNotSeparatedByCommas() {
        assertEquals("model.calc:1:43: unexpected 'jacobian', expected a name",
                fileErrors("function f(x: scalar) = x gradient wrt x, jacobian wrt x;").get(0).headline());
    }

    @Test
    void missingColonInAParameter() {
        assertEquals("""
                model.calc:1:14: unexpected 'vector', expected ':'
                    function f(x vector[n]) = x;
                                 ^~~~~~""", fileError("function f(x vector[n]) = x;"));
    }

    @Test
    void missingEqualsBeforeTheBody() {
        assertEquals("model.calc:1:23: unexpected 'x', expected '='",
                fileErrors("function f(x: scalar) x;").get(0).headline());
    }

    @Test
    void missingBody() {
        assertEquals("model.calc:1:25: unexpected ';', expected an expression",
                fileErrors("function f(x: scalar) = ;").get(0).headline());
    }

    @Test
    void missingFunctionName() {
        assertEquals("model.calc:1:10: unexpected '(', expected a name",
                fileErrors("function (x: scalar) = x;").get(0).headline());
    }

    @Test
    void unclosedDimensionList() {
        assertEquals("""
                model.calc:1:23: unexpected ')', expected ',' or ']'
                    function f(x: vector[n) = x;
                                          ^
                model.calc:1:21: note: '[' opened here is not closed
                    function f(x: vector[n) = x;
                                        ^""", fileError("function f(x: vector[n) = x;"));
    }

    @Test
    void emptyDimension() {
        assertEquals("model.calc:1:24: unexpected ']', expected a number or a name",
                fileErrors("function f(x: matrix[3,]) = x;").get(0).headline());
    }

    @Test
    void expressionAtTheTopOfAFile() {
        assertEquals("model.calc:1:1: unexpected 'x', expected 'package', 'precision', 'function' or end of input",
                fileErrors("x").get(0).headline());
    }

    @Test
    void secondPackageDeclaration() {
        assertEquals("model.calc:1:12: unexpected 'package', expected 'precision', 'function' or end of input",
                fileErrors("package p; package q;").get(0).headline());
    }

    @Test
    void extraSemicolon() {
        assertEquals("model.calc:1:27: unexpected ';', expected 'function' or end of input",
                fileErrors("function f(x: scalar) = x;;").get(0).headline());
    }

    @Test
    void errorOnALaterLineHasTheRightLineNumber() {
        assertEquals("""
                model.calc:5:18: unexpected ')', expected an expression
                        s = sum(x) + );
                                     ^""", fileError("""
                package p;
                // a comment
                /* and a
                   block */ function f(x: vector[n]) =
                    s = sum(x) + );
                    s;
                """));
    }

    @Test
    void tabsCountAsOneColumnAndAreShownAsSpaces() {
        assertEquals("""
                model.calc:2:11: unexpected character '$'
                     sum(x) + $
                              ^""", fileError("function f(x: vector[n]) =\n\tsum(x) +\t$\n\tgradient wrt x;"));
    }

    @Test
    void windowsLineEndings() {
        assertEquals("""
                model.calc:2:6: unexpected ';', expected an expression
                      x +;
                         ^""", fileError("function f(x: scalar) =\r\n  x +;\r\n"));
    }

    @Test
    void unterminatedCommentInAFile() {
        assertEquals("""
                model.calc:2:5: unterminated comment: '/*' needs a closing '*/'
                    x + /* the rest
                        ^~~~~~~~~~~""", fileErrors("function f(x: scalar) =\nx + /* the rest\n of the file").get(0)
                .render());
    }

    // ---- types ----------------------------------------------------------------------------------

    @Test
    void unknownTypeName() {
        assertEquals("""
                model.calc:1:15: unknown type 'vec': expected scalar, vector[n], matrix[m,n] or symmetric[n]
                    function f(x: vec[n]) = x;
                                  ^~~""", fileError("function f(x: vec[n]) = x;"));
    }

    @Test
    void scalarWithDimensions() {
        assertEquals("""
                model.calc:1:15: scalar takes no dimensions: write scalar, not scalar[n]
                    function f(s: scalar[n]) = s;
                                  ^~~~~~""", fileError("function f(s: scalar[n]) = s;"));
    }

    @Test
    void vectorWithoutDimension() {
        assertEquals("model.calc:1:15: vector needs one dimension, as in vector[n]",
                fileErrors("function f(v: vector) = v;").get(0).headline());
    }

    @Test
    void vectorWithTwoDimensions() {
        assertEquals("model.calc:1:15: vector takes one dimension, as in vector[n], not 2 dimensions",
                fileErrors("function f(v: vector[n, m]) = v;").get(0).headline());
    }

    @Test
    void matrixWithoutDimensions() {
        assertEquals("model.calc:1:15: matrix needs two dimensions, as in matrix[m,n]",
                fileErrors("function f(A: matrix) = A;").get(0).headline());
    }

    @Test
    void matrixWithOneDimension() {
        assertEquals("""
                model.calc:1:15: matrix takes two dimensions, as in matrix[m,n], not 1 dimension
                    function f(A: matrix[n]) = A;
                                  ^~~~~~""", fileError("function f(A: matrix[n]) = A;"));
    }

    @Test
    void matrixWithThreeDimensions() {
        assertEquals("model.calc:1:15: matrix takes two dimensions, as in matrix[m,n], not 3 dimensions",
                fileErrors("function f(A: matrix[1,2,3]) = A;").get(0).headline());
    }

    @Test
    void dimensionZero() {
        assertEquals("""
                model.calc:1:22: a dimension must be at least 1, not 0
                    function f(x: vector[0]) = x;
                                         ^""", fileError("function f(x: vector[0]) = x;"));
    }

    @Test
    void fractionalDimension() {
        assertEquals("""
                model.calc:1:22: a dimension must be a name or a positive whole number, not 2.5
                    function f(x: vector[2.5]) = x;
                                         ^~~""", fileError("function f(x: vector[2.5]) = x;"));
    }

    @Test
    void dimensionTooLarge() {
        assertEquals("model.calc:1:22: dimension 99999999999 is too large (at most 2147483647)",
                fileErrors("function f(x: vector[99999999999]) = x;").get(0).headline());
    }

    @Test
    void everyBadTypeInAFileIsReportedTogether() {
        List<Diagnostic> diagnostics = fileErrors("""
                function f(x: vec[n], y: vector[0]) = x;
                function g(A: matrix[n], b: scalar) = b;
                """);
        assertEquals(List.of(
                "model.calc:1:15: unknown type 'vec': expected scalar, vector[n], matrix[m,n] or symmetric[n]",
                "model.calc:1:33: a dimension must be at least 1, not 0",
                "model.calc:2:15: matrix takes two dimensions, as in matrix[m,n], not 1 dimension"),
                diagnostics.stream().map(Diagnostic::headline).toList());
    }

    @Test
    void typeErrorsWaitForSyntaxErrors() {
        // A file with a syntax error reports only its syntax errors: types are read from a whole tree.
        List<Diagnostic> diagnostics = fileErrors("function f(x: vec[n]) = x +;");
        assertEquals(List.of("model.calc:1:28: unexpected ';', expected an expression"),
                diagnostics.stream().map(Diagnostic::headline).toList());
    }

    @Test
    void parseTypeReportsAgainstItsSource() {
        CalcException e = assertThrows(CalcException.class,
                () -> CalcSyntax.parseType(new Source("--type", "vector[n")));
        assertEquals("""
                --type:1:9: unexpected end of input, expected ',' or ']'
                    vector[n
                            ^
                --type:1:7: note: '[' opened here is not closed
                    vector[n
                          ^""", e.getMessage());
        CalcException unknown = assertThrows(CalcException.class,
                () -> CalcSyntax.parseType(new Source("--type", "tensor[n]")));
        assertEquals("--type:1:1: unknown type 'tensor': expected scalar, vector[n], matrix[m,n] or symmetric[n]",
                unknown.diagnostics().get(0).headline());
    }
}
