package dev.chainrule.syntax;

import static dev.chainrule.syntax.AstPrinter.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers, names, comments and white space: what the lexer makes of the characters. */
class LexicalStructureTest {

    @ParameterizedTest(name = "{0} is the number {1}")
    @CsvSource({
        "2, 2.0", "0, 0.0", "0.5, 0.5", ".5, 0.5", "1e-3, 0.001", "1E+3, 1000.0", "2.5e2, 250.0", ".5e2, 50.0",
        "007, 7.0", "123456789012, 123456789012.0",
    })
    void numberKeepsItsValueAndItsText(String text, double value) {
        Ast.Number number = assertInstanceOf(Ast.Number.class, CalcSyntax.parseExpression(text));
        assertEquals(value, number.value());
        assertEquals(text, number.text());
        assertEquals(new Span(1, 1, text.length()), number.span());
    }

    @Test
    void aNumberHasNoTrailingDotSo2DotStarXIsAHadamardProduct() {
        assertEquals("(.* 2 x)", parse("2.*x"));
        assertEquals("(./ 1 x)", parse("1./x"));
        assertEquals("(.^ 2 x)", parse("2.^x"));
        assertEquals("(.* 2.5 x)", parse("2.5.*x"));
    }

    @Test
    void aLeadingDotNeedsADigitSoWDotXIsADotProduct() {
        assertEquals("(. w x)", parse("w.x"));
        assertEquals("(* 2 .5)", parse("2*.5"));
    }

    @Test
    void aNumberDotNameIsADotProductNotAnExponent() {
        // 1.e3 is not 1000: a number has no trailing dot, so this is 1 . e3 (documented surprise).
        assertEquals("(. 1 e3)", parse("1.e3"));
    }

    @Test
    void unaryMinusIsNotPartOfANumber() {
        assertEquals("(- 2)", parse("-2"));
        assertEquals("(- 1e-3)", parse("-1e-3"));
    }

    @ParameterizedTest(name = "{0} is one name")
    @ValueSource(strings = {"x", "xs", "x1", "x_1", "_x", "Xw", "weights", "α", "β", "θ", "ε", "λ2", "Δx", "Σ",
        "μ_hat", "matrix", "vector", "scalar", "eye", "é"})
    void nameIsLettersDigitsAndUnderscores(String text) {
        Ast.Name name = assertInstanceOf(Ast.Name.class, CalcSyntax.parseExpression(text));
        assertEquals(text, name.id());
        assertEquals(new Span(1, 1, text.codePointCount(0, text.length())), name.span());
    }

    @Test
    void greekLettersWorkInExpressions() {
        assertEquals("(+ (* α x) (* β y))", parse("α*x + β*y"));
        assertEquals("(. θ x)", parse("θ·x"));
    }

    @Test
    void aNameCannotStartWithADigit() {
        CalcException e = assertThrows(CalcException.class, () -> CalcSyntax.parseExpression("2x"));
        assertEquals("<expr>:1:2: unexpected 'x', expected an operator or end of input",
                e.diagnostics().get(0).headline());
    }

    @ParameterizedTest(name = "''{0}'' is a keyword, not a name")
    @ValueSource(strings = {"package", "function", "gradient", "jacobian", "hessian", "hvp", "wrt", "where"})
    void keywordsAreReserved(String keyword) {
        assertThrows(CalcException.class, () -> CalcSyntax.parseExpression(keyword));
        assertThrows(CalcException.class, () -> CalcSyntax.parseExpression("x + " + keyword));
    }

    @Test
    void namesThatStartWithAKeywordAreNames() {
        assertEquals("(+ wrt2 packages)", parse("wrt2 + packages"));
        assertEquals("(gradients x)", parse("gradients(x)"));
    }

    @Test
    void lineCommentRunsToTheEndOfTheLine() {
        assertEquals("(+ x y)", parse("x // a comment * 3\n + y // another"));
    }

    @Test
    void blockCommentMaySpanLines() {
        assertEquals("(+ x y)", parse("x /* one\n two * 3 */ + y"));
        assertEquals("(* x y)", parse("x/**/*y"));
        assertEquals("(+ x y)", parse("x /** stars ** inside */ + /* and */ y"));
    }

    @Test
    void blockCommentsDoNotNest() {
        // the first */ closes the comment; the rest is read as code
        assertThrows(CalcException.class, () -> CalcSyntax.parseExpression("x /* a /* b */ c */"));
    }

    @Test
    void whiteSpaceIncludingTabsNewlinesAndNoBreakSpaceSeparatesTokens() {
        assertEquals("(* (' x) (* A x))", parse("x'\t*\r\n(A\u00A0*   x)"));
    }

    @Test
    void spansCountCodePointsSoAGreekLetterIsOneColumn() {
        Ast.Binary sum = assertInstanceOf(Ast.Binary.class, CalcSyntax.parseExpression("α + β"));
        assertEquals(new Span(1, 3, 1), sum.span());
        assertEquals(new Span(1, 5, 1), sum.right().span());
    }

    @Test
    void spansCountLinesAndColumnsFromOne() {
        Ast.Binary sum = assertInstanceOf(Ast.Binary.class, CalcSyntax.parseExpression("x\n  +\n    yy"));
        assertEquals(new Span(2, 3, 1), sum.span());
        assertEquals(new Span(3, 5, 2), sum.right().span());
    }

    @Test
    void aNameOfAHundredCharactersIsAcceptedAndALongerOneRefusedWhereItStarts() {
        String hundred = "x".repeat(CalcSyntax.MAX_NAME_LENGTH);
        assertEquals("(+ " + hundred + " y)", parse(hundred + " + y"));
        assertEquals(100, CalcSyntax.MAX_NAME_LENGTH);
        String huge = "λ".repeat(70_000);
        CalcException e = assertThrows(CalcException.class, () -> CalcSyntax.parseFile(new Source("long.calc",
                "function f(x: vector[n]) =\n  sum(x) + " + huge + ";")));
        assertEquals(1, e.diagnostics().size());
        assertEquals("long.calc:2:12: a name of 70000 characters, 'λλλλλλλλλλλλ…': names have at most 100 characters",
                e.diagnostics().get(0).headline());
        assertFalse(CalcSyntax.isName("x".repeat(101)));
        assertTrue(CalcSyntax.isName(hundred));
    }
}
