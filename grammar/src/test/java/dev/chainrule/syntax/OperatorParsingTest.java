package dev.chainrule.syntax;

import static dev.chainrule.syntax.AstPrinter.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.syntax.Ast.BinaryOp;
import dev.chainrule.syntax.Ast.UnaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator of the language, its spellings, and the AST node it becomes. */
class OperatorParsingTest {

    private static Ast.Binary binary(String text) {
        return assertInstanceOf(Ast.Binary.class, CalcSyntax.parseExpression(text));
    }

    private static Ast.Unary unary(String text) {
        return assertInstanceOf(Ast.Unary.class, CalcSyntax.parseExpression(text));
    }

    @ParameterizedTest(name = "a {0} b is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "+  | ADD",
        "-  | SUBTRACT",
        "−  | SUBTRACT",       // U+2212, the Unicode minus sign
        "*  | MULTIPLY",
        "/  | DIVIDE",
        ".* | HADAMARD",
        "⊙  | HADAMARD",       // the paper's element-wise product
        "∘  | HADAMARD",
        "./ | ELEMENT_DIVIDE",
        "⊘  | ELEMENT_DIVIDE", // the paper's element-wise division
        "^  | POWER",
        ".^ | ELEMENT_POWER",
        "·  | DOT",            // the paper's dot product
        ".  | DOT",
    })
    void binaryOperatorBecomesItsBinaryNode(String operator, BinaryOp op) {
        Ast.Binary node = binary("a " + operator + " b");
        assertEquals(op, node.op());
        assertEquals(new Ast.Name("a", new Span(1, 1, 1)), node.left());
        assertEquals(new Ast.Name("b", new Span(1, 4 + operator.length(), 1)), node.right());
        assertEquals(new Span(1, 3, operator.length()), node.span(), "the span is the operator's");
    }

    @ParameterizedTest(name = "a{0}b (no spaces) is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "+  | ADD", "-  | SUBTRACT", "*  | MULTIPLY", "/  | DIVIDE", ".* | HADAMARD", "./ | ELEMENT_DIVIDE",
        "^  | POWER", ".^ | ELEMENT_POWER", ".  | DOT", "·  | DOT", "⊙  | HADAMARD", "⊘  | ELEMENT_DIVIDE",
    })
    void binaryOperatorNeedsNoSpaces(String operator, BinaryOp op) {
        assertEquals(op, binary("a" + operator + "b").op());
    }

    @Test
    void dotWithAndWithoutSpacesIsTheDotProduct() {
        assertEquals("(. w x)", parse("w . x"));
        assertEquals("(. w x)", parse("w.x"));
        assertEquals("(. w x)", parse("w·x"));
        assertEquals("(. w x)", parse("w · x"));
    }

    @Test
    void quoteAndSuperscriptTAreTranspose() {
        Ast.Unary quote = unary("x'");
        assertEquals(UnaryOp.TRANSPOSE, quote.op());
        assertEquals(new Ast.Name("x", new Span(1, 1, 1)), quote.operand());
        assertEquals(new Span(1, 2, 1), quote.span());

        Ast.Unary superT = unary("xᵀ");
        assertEquals(UnaryOp.TRANSPOSE, superT.op());
        assertEquals(new Ast.Name("x", new Span(1, 1, 1)), superT.operand());
        assertEquals(new Span(1, 2, 1), superT.span());
    }

    @Test
    void superscriptTAfterANameIsTransposeNotPartOfTheName() {
        assertEquals("(' x)", parse("xᵀ"));
        assertEquals("(' Ab)", parse("Abᵀ"));
        assertEquals("(* (' x) y)", parse("xᵀ*y"));
        assertEquals("(' (' x))", parse("xᵀᵀ"));
        assertEquals("(' (' x))", parse("x'ᵀ"));
    }

    @Test
    void unaryMinusIsNegate() {
        Ast.Unary node = unary("-x");
        assertEquals(UnaryOp.NEGATE, node.op());
        assertEquals(new Ast.Name("x", new Span(1, 2, 1)), node.operand());
        assertEquals(new Span(1, 1, 1), node.span());
        assertEquals("(- x)", parse("−x"), "the Unicode minus sign");
        assertEquals("(- (- x))", parse("--x"));
        assertEquals("(- a (- b))", parse("a - -b"));
    }

    @Test
    void unaryPlusLeavesNoNode() {
        assertEquals(new Ast.Name("x", new Span(1, 2, 1)), CalcSyntax.parseExpression("+x"));
        assertEquals("(+ x y)", parse("x ++ y"));
        assertEquals("(- x)", parse("+-x"));
    }

    @Test
    void superscriptDigitsAreAnElementWisePowerWithANumberExponent() {
        Ast.Binary node = binary("x²");
        assertEquals(BinaryOp.ELEMENT_POWER, node.op());
        assertEquals(new Ast.Name("x", new Span(1, 1, 1)), node.left());
        assertEquals(new Ast.Number(2, "2", new Span(1, 2, 1)), node.right());
        assertEquals(new Span(1, 2, 1), node.span());
    }

    @ParameterizedTest(name = "x{0} is x .^ {1}")
    @CsvSource({"⁰, 0", "¹, 1", "², 2", "³, 3", "⁴, 4", "⁵, 5", "⁶, 6", "⁷, 7", "⁸, 8", "⁹, 9",
        "²³, 23", "¹⁰, 10"})
    void everySuperscriptDigitIsRead(String superscript, String digits) {
        assertEquals("(.^ x " + digits + ")", parse("x" + superscript));
    }

    @Test
    void superscriptPowerAppliesToAParenthesisedOperand() {
        assertEquals("(.^ (- y (* X w)) 2)", parse("(y - X*w)²"));
    }

    @Test
    void parenthesesLeaveNoNode() {
        assertEquals(new Ast.Name("x", new Span(1, 3, 1)), CalcSyntax.parseExpression("((x))"));
    }

    @Test
    void callWithNoArguments() {
        Ast.Call call = assertInstanceOf(Ast.Call.class, CalcSyntax.parseExpression("eye()"));
        assertEquals("eye", call.function());
        assertEquals(List.of(), call.args());
        assertEquals(new Span(1, 1, 3), call.span(), "a call's span is its name's");
    }

    @Test
    void callWithOneArgument() {
        Ast.Call call = assertInstanceOf(Ast.Call.class, CalcSyntax.parseExpression("sum(x)"));
        assertEquals("sum", call.function());
        assertEquals(List.of(new Ast.Name("x", new Span(1, 5, 1))), call.args());
        assertEquals(new Span(1, 1, 3), call.span());
    }

    @Test
    void callWithTwoArguments() {
        Ast.Call call = assertInstanceOf(Ast.Call.class, CalcSyntax.parseExpression("max(0, z)"));
        assertEquals("max", call.function());
        assertEquals(List.of(new Ast.Number(0, "0", new Span(1, 5, 1)), new Ast.Name("z", new Span(1, 8, 1))),
                call.args());
        assertEquals("(max 0 z)", parse("max(0,z)"));
    }

    @Test
    void callArgumentsAreWholeExpressions() {
        assertEquals("(dot (+ w b) (* A x))", parse("dot(w + b, A*x)"));
        assertEquals("(f a (g b c))", parse("f(a, g(b, c))"));
        assertEquals("(' (sum x))", parse("sum(x)'"));
        assertEquals("(- (exp (- x)))", parse("-exp(-x)"));
    }

    @Test
    void aNameWithoutParenthesesIsANameNotACall() {
        assertSame(Ast.Name.class, CalcSyntax.parseExpression("eye").getClass());
        assertEquals("(* eye x)", parse("eye*x"));
    }

    @Test
    void theChildrenOfACallAreImmutable() {
        Ast.Call call = (Ast.Call) CalcSyntax.parseExpression("max(0, z)");
        assertThrows(UnsupportedOperationException.class,
                () -> call.args().add(new Ast.Name("q", Span.UNKNOWN)));
    }

    @Test
    void whereNamesPartsOfAWholeExpressionInOrder() {
        assertEquals("(where (sum (.^ t 2)) (t (- (* A x) y)))", parse("sum(t.^2) where t = A*x - y"));
        assertEquals("(where (+ s t) (t (* W x)) (s (tanh t)))", parse("s + t where t = W*x, s = tanh(t)"));
        Ast.Where where = assertInstanceOf(Ast.Where.class, CalcSyntax.parseExpression("t where t = x"));
        assertEquals(new Span(1, 3, 5), where.span(), "the span is the word where's");
        assertEquals(new Span(1, 9, 1), where.definitions().get(0).span(), "a definition's span is its name's");
    }
}
