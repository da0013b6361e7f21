package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a {@link Diagnostic} prints: headline, source line, caret and tildes. */
class DiagnosticRenderingTest {

    private static final Source FILE = new Source("nn.calc", """
            package nn;
            function f(x: vector[n]) =
            \tsum(x) + bad
                gradient wrt x;
            """);

    @Test
    void headlineIsFileLineColumnMessage() {
        Diagnostic d = new Diagnostic(FILE, new Span(3, 11, 3), "unknown name 'bad'");
        assertEquals("nn.calc:3:11: unknown name 'bad'", d.headline());
    }

    @Test
    void expressionsAreNamedExpr() {
        Diagnostic d = new Diagnostic(Source.ofExpression("x + y"), new Span(1, 3, 1), "oops");
        assertEquals("<expr>:1:3: oops", d.headline());
    }

    @Test
    void caretUnderTheColumnAndTildesOverTheRestOfTheToken() {
        Diagnostic d = new Diagnostic(Source.ofExpression("sum(x) + bad"), new Span(1, 10, 3), "unknown name 'bad'");
        assertEquals("""
                <expr>:1:10: unknown name 'bad'
                    sum(x) + bad
                             ^~~""", d.render());
    }

    @Test
    void oneCharacterSpanIsACaretAlone() {
        Diagnostic d = new Diagnostic(Source.ofExpression("a $ b"), new Span(1, 3, 1), "m");
        assertEquals("<expr>:1:3: m\n    a $ b\n      ^", d.render());
    }

    @Test
    void spanAtTheFirstColumn() {
        Diagnostic d = new Diagnostic(Source.ofExpression("bad + x"), new Span(1, 1, 3), "m");
        assertEquals("<expr>:1:1: m\n    bad + x\n    ^~~", d.render());
    }

    @Test
    void rendersTheSpansLineOfAMultiLineSource() {
        Diagnostic d = new Diagnostic(FILE, new Span(4, 5, 8), "gradient needs a scalar function");
        assertEquals("""
                nn.calc:4:5: gradient needs a scalar function
                        gradient wrt x;
                        ^~~~~~~~""", d.render());
    }

    @Test
    void tabsAreShownAsSingleSpacesSoTheCaretLinesUp() {
        Diagnostic d = new Diagnostic(FILE, new Span(3, 11, 3), "unknown name 'bad'");
        assertEquals("""
                nn.calc:3:11: unknown name 'bad'
                     sum(x) + bad
                              ^~~""", d.render());
    }

    @Test
    void tildesStopAtTheEndOfTheLine() {
        Diagnostic d = new Diagnostic(Source.ofExpression("x /* open\nmore"), new Span(1, 3, 40), "unterminated");
        assertEquals("<expr>:1:3: unterminated\n    x /* open\n      ^~~~~~~", d.render());
    }

    @Test
    void caretJustPastTheEndOfTheLine() {
        Diagnostic d = new Diagnostic(Source.ofExpression("x +"), new Span(1, 4, 1), "unexpected end of input");
        assertEquals("<expr>:1:4: unexpected end of input\n    x +\n       ^", d.render());
    }

    @Test
    void lineBeyondTheTextRendersEmpty() {
        Diagnostic d = new Diagnostic(Source.ofExpression("x"), new Span(3, 1, 1), "m");
        assertEquals("<expr>:3:1: m\n    \n    ^", d.render());
    }

    @Test
    void columnsCountCodePointsNotJavaChars() {
        // 𝑥 (U+1D465) is one code point but two Java chars; the caret must still line up.
        Diagnostic d = new Diagnostic(Source.ofExpression("𝑥 + $"), new Span(1, 5, 1), "m");
        assertEquals("<expr>:1:5: m\n    𝑥 + $\n        ^", d.render());
    }

    @Test
    void windowsLineEndingsAreNotShown() {
        Source source = new Source("w.calc", "a\r\nb + $\r\nc");
        assertEquals("b + $", source.line(2));
        assertEquals("w.calc:2:5: m\n    b + $\n        ^", new Diagnostic(source, new Span(2, 5, 1), "m").render());
    }

    @Test
    void toStringIsTheRendering() {
        Diagnostic d = new Diagnostic(Source.ofExpression("x"), new Span(1, 1, 1), "m");
        assertEquals(d.render(), d.toString());
    }

    @Test
    void parserDiagnosticsRenderTheSameWay() {
        CalcException e = assertThrows(CalcException.class, () -> CalcSyntax.parseExpression("sum(x) + $"));
        assertEquals("""
                <expr>:1:10: unexpected character '$'
                    sum(x) + $
                             ^""", e.diagnostics().get(0).render());
    }

    @Test
    void exceptionMessageJoinsTheRenderingsWithNewlines() {
        Diagnostic a = new Diagnostic(Source.ofExpression("x"), new Span(1, 1, 1), "first");
        Diagnostic b = new Diagnostic(Source.ofExpression("y"), new Span(1, 1, 1), "second");
        CalcException e = new CalcException(List.of(a, b));
        assertEquals(a.render() + "\n" + b.render(), e.getMessage());
        assertEquals(List.of(a, b), e.diagnostics());
        assertEquals(a.render(), CalcException.at(a.source(), a.span(), "first").getMessage());
    }

    @Test
    void anExceptionNeedsADiagnostic() {
        assertThrows(IllegalArgumentException.class, () -> new CalcException(List.of()));
    }

    @Test
    void spansAreOneBasedAndNonEmpty() {
        assertThrows(IllegalArgumentException.class, () -> new Span(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Span(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Span(1, 1, 0));
        assertEquals(new Span(1, 1, 1), Span.UNKNOWN);
    }

    @Test
    void diagnosticAndSourceRejectNulls() {
        assertThrows(IllegalArgumentException.class, () -> new Diagnostic(null, Span.UNKNOWN, "m"));
        assertThrows(IllegalArgumentException.class, () -> new Diagnostic(FILE, null, "m"));
        assertThrows(IllegalArgumentException.class, () -> new Diagnostic(FILE, Span.UNKNOWN, null));
        assertThrows(IllegalArgumentException.class, () -> new Source(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Source("x", null));
    }
}
