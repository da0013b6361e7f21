package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0, 0", "2, 2", "2.0, 2", "0.1, 0.1", "0.5, 0.5", "100, 100", "100000, 100000", "123456789, 123456789",
        "1e6, 1e6", "1.5e6, 1.5e6", "1234567, 1234567", "1e-12, 1e-12", "0.0001, 0.0001", "0.00001, 1e-5",
        "2.5e-7, 2.5e-7", "1e16, 1e16", "1e300, 1e300", "0.30000000000000004, 0.30000000000000004",
        "4.9e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e308", "3.141592653589793, 3.141592653589793",
    })
    void shortestDecimal(double value, String expected) {
        assertEquals(expected, Numbers.magnitude(value));
    }

    /** The fewest significant digits that read back: never more than Double.toString uses. */
    @Test
    void randomDoublesReadBackAndAreNoLongerThanJavas() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double value = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE)
                    : random.nextInt(1000) / Math.pow(10, random.nextInt(8));
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String printed = Numbers.magnitude(value);
            assertEquals(value, Double.parseDouble(printed), printed);
            assertTrue(printed.matches("\\d+(\\.\\d+)?(e-?\\d+)?"), printed);
            if (value != 0) {
                assertTrue(significantDigits(printed) <= significantDigits(Double.toString(value)),
                        printed + " is longer than " + value);
            }
        }
    }

    private static int significantDigits(String decimal) {
        String mantissa = decimal.split("[eE]")[0].replace(".", "").replaceFirst("^0+", "");
        return mantissa.replaceFirst("0+$", "").length();
    }

    @Test
    void onlyFiniteNonNegativeNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Numbers.magnitude(-1));
        assertThrows(IllegalArgumentException.class, () -> Numbers.magnitude(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Numbers.magnitude(Double.POSITIVE_INFINITY));
    }
}
