package dev.chainrule.syntax;

import static dev.chainrule.syntax.AstPrinter.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How expressions group, tightest first: transpose {@code ' ᵀ}; power {@code ^ .^} (right
 * associative) and superscript powers {@code x²}; unary {@code - +}; the products
 * {@code * / .* ./ ⊙ ∘ ⊘ · .} (left associative, one level); {@code + -} (left associative).
 */
class PrecedenceTest {

    @ParameterizedTest(name = "{0}  is  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // unary minus binds looser than power, tighter than products
        "-x^2       | (- (^ x 2))",
        "-x.^2      | (- (.^ x 2))",
        "-x²        | (- (.^ x 2))",
        "-2^2       | (- (^ 2 2))",
        "-a*b       | (* (- a) b)",
        "-a+b       | (+ (- a) b)",
        "-a.*b      | (.* (- a) b)",
        "a*-b       | (* a (- b))",
        "2^-x       | (^ 2 (- x))",
        "2^-x^2     | (^ 2 (- (^ x 2)))",
        "a^-b*c     | (* (^ a (- b)) c)",
        // transpose binds tightest
        "x'*A*x     | (* (* (' x) A) x)",
        "xᵀ*A*x     | (* (* (' x) A) x)",
        "a.*b'      | (.* a (' b))",
        "-x'        | (- (' x))",
        "x'^2       | (^ (' x) 2)",
        "x^y'       | (^ x (' y))",
        "x²'        | (' (.^ x 2))",
        "x'²        | (.^ (' x) 2)",
        "(a+b)'     | (' (+ a b))",
        "(a*b)ᵀ     | (' (* a b))",
        "x''        | (' (' x))",
        // power is right associative
        "2^3^2      | (^ 2 (^ 3 2))",
        "a.^b.^c    | (.^ a (.^ b c))",
        "a^b.^c     | (^ a (.^ b c))",
        "x^2²       | (.^ (^ x 2) 2)",
        "x²^3       | (^ (.^ x 2) 3)",
        "x²²        | (.^ x 22)",          // consecutive superscript digits are one exponent
        "x²ᵀ        | (' (.^ x 2))",
        // products: one level, left associative
        "a*b*c      | (* (* a b) c)",
        "a/b/c      | (/ (/ a b) c)",
        "a/b*c      | (* (/ a b) c)",
        "a*b/c      | (/ (* a b) c)",
        "a.*b./c    | (./ (.* a b) c)",
        "a⊙b⊘c      | (./ (.* a b) c)",
        "a*b.c      | (. (* a b) c)",
        "a.b*c      | (* (. a b) c)",
        "a·b·c      | (. (. a b) c)",
        "a∘b*c      | (* (.* a b) c)",
        // sums: left associative, looser than products
        "a-b-c      | (- (- a b) c)",
        "a+b-c      | (- (+ a b) c)",
        "a-b+c      | (+ (- a b) c)",
        "a*b+c      | (+ (* a b) c)",
        "a+b*c      | (+ a (* b c))",
        "a+b.*c     | (+ a (.* b c))",
        "w . x + b  | (+ (. w x) b)",
        "w · x + b  | (+ (. w x) b)",
        "a+b^c      | (+ a (^ b c))",
        "X*w + b    | (+ (* X w) b)",
        // parentheses override everything
        "(a+b)*c    | (* (+ a b) c)",
        "a-(b-c)    | (- a (- b c))",
        "(2^3)^2    | (^ (^ 2 3) 2)",
        "(-x)^2     | (^ (- x) 2)",
        // calls are operands
        "f(x)'      | (' (f x))",
        "-f(x)^2    | (- (^ (f x) 2))",
        "sum((y - max(0, X*w + b)) .^ 2) / N | (/ (sum (.^ (- y (max 0 (+ (* X w) b))) 2)) N)",
    })
    void groupsAs(String expression, String grouped) {
        assertEquals(grouped, parse(expression));
    }
}
