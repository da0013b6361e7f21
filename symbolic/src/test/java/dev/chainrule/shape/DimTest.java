package dev.chainrule.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DimTest {
    private static final Dim M = Dim.of("m");
    private static final Dim N = Dim.of("n");

    @Test
    void productsAndSumsOfNumbersAreNumbers() {
        assertEquals(Dim.of(12), Dim.product(Dim.of(3), Dim.of(4)));
        assertEquals(Dim.of(7), Dim.sum(Dim.of(3), Dim.of(4)));
        assertEquals(N, Dim.product(Dim.ONE, N));
    }

    @Test
    void equalSizesAreEqualDimsWhateverTheOrder() {
        assertEquals(Dim.product(M, N), Dim.product(N, M));
        assertEquals(Dim.sum(Dim.sum(N, Dim.ONE), M), Dim.sum(M, Dim.sum(Dim.ONE, N)));
        // (m + 1)·n = m·n + n
        assertEquals(Dim.sum(Dim.product(M, N), N), Dim.product(Dim.sum(M, Dim.ONE), N));
        assertNotEquals(Dim.product(M, N), Dim.sum(M, N));
    }

    @Test
    void likeTermsCollect() {
        assertEquals(Dim.product(Dim.of(2), N), Dim.sum(N, N));
        assertEquals("2*n", Dim.sum(N, N).toString());
    }

    @Test
    void printsHighestDegreeFirst() {
        Dim d = Dim.sum(Dim.sum(Dim.of(2), N), Dim.product(M, N));
        assertEquals("m*n + n + 2", d.toString());
        assertEquals("n*n", Dim.product(N, N).toString());
    }

    @Test
    void valueMultipliesOutWithTheSymbolsSizes() {
        Dim d = Dim.sum(Dim.product(M, N), Dim.of(1));
        assertEquals(3 * 5 + 1, d.value(Map.of("m", 3, "n", 5)::get));
        assertEquals(Set.of("m", "n"), d.symbols());
        assertEquals(4, Dim.of(4).value(s -> { throw new AssertionError(s); }));
    }

    @Test
    void differencesMayLeaveNegativeConstantsAndZeroIsAnOffset() {
        Dim rest = Dim.difference(N, Dim.of(3));
        assertEquals("n - 3", rest.toString());
        assertEquals(N, Dim.sum(rest, Dim.of(3)));
        assertEquals(Dim.ZERO, Dim.difference(N, N));
        assertEquals("0", Dim.ZERO.toString());
        assertEquals(true, Dim.ZERO.isZero());
        assertEquals(N, Dim.sum(Dim.ZERO, N));
        assertThrows(IllegalArgumentException.class, () -> Dim.difference(Dim.of(2), Dim.of(5)));
        assertThrows(IllegalArgumentException.class, () -> Shape.vector(Dim.ZERO));
        assertEquals(2, rest.value(s -> 5));
    }

    @Test
    void valueThatDoesNotFitAnIntIsAnError() {
        Dim d = Dim.product(M, N);
        assertThrows(ArithmeticException.class, () -> d.value(s -> 100_000));
    }

    @Test
    void aSizeThatDoesNotFitAnIntIsASizeOverflowNamingIt() {
        // The rows of the Jacobian of a 10⁶ × 10⁶ matrix: once an ArithmeticException, an internal error.
        SizeOverflowException e = assertThrows(SizeOverflowException.class,
                () -> Dim.product(Dim.of(1_000_000), Dim.of(1_000_000)));
        assertEquals("the size 1000000·1000000 is too large: more than 2147483647, the most a dimension may be",
                e.getMessage());
        assertThrows(SizeOverflowException.class, () -> Dim.sum(Dim.of(Integer.MAX_VALUE), Dim.of(1)));
        // Symbols multiply without limit: only their values can overflow.
        assertEquals("m*n*n", Dim.product(M, Dim.product(N, N)).toString());
    }
}
