package dev.chainrule.print;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Decimal forms of doubles, shared by every format. */
final class Numbers {
    private Numbers() {}

    /**
     * A finite, non-negative double in the fewest significant digits that read back as the same
     * double: {@code 2} (not {@code 2.0}), {@code 0.1}, {@code 1e-12}, {@code 1.5e6}. Plain
     * notation from 0.0001 up to 10¹⁶, except round numbers of a million and more ({@code 1e6},
     * {@code 2.5e9}); scientific notation, with a lowercase {@code e} and no {@code +}, elsewhere.
     * Every form is a {@code NUMBER} of the grammar and valid JSON.
     */
    static String magnitude(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite non-negative number: " + value);
        }
        if (value == 0) {
            return "0";
        }
        Decimal d = shortest(value);
        String digits = d.digits;
        int exponent = d.exponent;
        int integerZeros = exponent - (digits.length() - 1);
        boolean plain = exponent >= -4 && exponent < 16 && !(exponent >= 6 && integerZeros >= 3);
        if (!plain) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return mantissa + "e" + exponent;
        }
        if (exponent < 0) {
            return "0." + "0".repeat(-exponent - 1) + digits;
        }
        if (digits.length() <= exponent + 1) {
            return digits + "0".repeat(exponent + 1 - digits.length());
        }
        return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }

    /** The significant digits (no trailing zeros) and the decimal exponent of the first one. */
    record Decimal(String digits, int exponent) {}

    /** The shortest decimal that reads back as {@code value}, which is finite and positive. */
    static Decimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        BigDecimal found = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(rounded.toString()) == value) {
                found = rounded;
                break;
            }
        }
        found = found.stripTrailingZeros();
        String digits = found.unscaledValue().toString();
        int exponent = digits.length() - 1 - found.scale();
        return new Decimal(digits, exponent);
    }
}
