package dev.chainrule.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * One dimension of a shape: a fixed size such as {@code 3}, a symbol such as {@code n}, or a
 * {@link Compound} of them, such as {@code m*n} (the length of vec(X) for an m × n X),
 * {@code n + 1} (the length of [x; a]) or {@code n - 3} (what follows x[3] in x). Compounds are
 * polynomials with integer coefficients kept in one canonical form, so equal sizes are equal dims:
 * {@code n*m} and {@code m*n} are one dim, and a compound that is a single number or symbol is a
 * {@link Fixed} or a {@link Symbol}. Users declare only numbers and symbols; compounds come from
 * derivatives, block matrices and entries, whose constraints (n ≥ 4 for x[4]) are checked where
 * sizes are bound. {@link #ZERO} is an offset, never the size of a shape.
 */
public sealed interface Dim {
    Dim ONE = new Fixed(1);

    /** No entries: the offset of a first block. Not a size: {@link Shape} refuses it. */
    Dim ZERO = new Compound(new Polynomial(Map.of()));

    static Dim of(int size) {
        return size == 1 ? ONE : new Fixed(size);
    }

    static Dim of(String symbol) {
        return new Symbol(symbol);
    }

    /**
     * a + b.
     *
     * @throws SizeOverflowException if a number in the result does not fit in an int
     */
    static Dim sum(Dim a, Dim b) {
        try {
            return Compound.normalise(Polynomial.of(a).plus(Polynomial.of(b)));
        } catch (ArithmeticException overflow) {
            throw tooLarge(a + " + " + b);
        }
    }

    /**
     * a · b.
     *
     * @throws SizeOverflowException if a number in the result does not fit in an int
     */
    static Dim product(Dim a, Dim b) {
        try {
            return Compound.normalise(Polynomial.of(a).times(Polynomial.of(b)));
        } catch (ArithmeticException overflow) {
            throw tooLarge(parenthesised(a) + "·" + parenthesised(b));
        }
    }

    private static SizeOverflowException tooLarge(String size) {
        return new SizeOverflowException("the size " + size + " is too large: more than " + Integer.MAX_VALUE
                + ", the most a dimension may be");
    }

    private static String parenthesised(Dim d) {
        return d instanceof Compound && Polynomial.of(d).terms().size() > 1 ? "(" + d + ")" : d.toString();
    }

    /** a − b, which may have negative coefficients ({@code n - 3}); sizes made so are checked where bound. */
    static Dim difference(Dim a, Dim b) {
        try {
            return Compound.normalise(Polynomial.of(a).plus(Polynomial.of(b).times(Polynomial.of(-1))));
        } catch (ArithmeticException overflow) {
            throw tooLarge(a + " − " + parenthesised(b));
        }
    }

    /** This dim with each symbol replaced by what {@code replacement} gives for it (a dim itself). */
    default Dim substitute(java.util.function.Function<String, Dim> replacement) {
        Polynomial result = Polynomial.of(0);
        try {
            for (Map.Entry<List<String>, Integer> term : Polynomial.of(this).terms().entrySet()) {
                Polynomial product = Polynomial.of(term.getValue());
                for (String symbol : term.getKey()) {
                    product = product.times(Polynomial.of(replacement.apply(symbol)));
                }
                result = result.plus(product);
            }
        } catch (ArithmeticException overflow) {
            throw tooLarge(this + " with its symbols replaced");
        }
        return Compound.normalise(result);
    }

    /**
     * This dim as an expression of integer arithmetic, its symbols written as {@code symbol} names
     * them: {@code m * n + 1}, {@code n - 3}, for generated code.
     */
    default String format(java.util.function.Function<String, String> symbol) {
        return Polynomial.of(this).format(symbol, " * ");
    }

    /** Whether this is {@link #ZERO}. */
    default boolean isZero() {
        return Polynomial.of(this).terms().isEmpty();
    }

    /** The symbols this dim is made of, in order of name. */
    default Set<String> symbols() {
        return Polynomial.of(this).symbols();
    }

    /**
     * The size, given the size of each symbol.
     *
     * @throws ArithmeticException if it does not fit an int
     */
    default int value(ToIntFunction<String> sizes) {
        return Polynomial.of(this).value(sizes);
    }

    record Fixed(int size) implements Dim {
        public Fixed {
            if (size < 1) {
                throw new IllegalArgumentException("a dimension must be at least 1, not " + size);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(size);
        }
    }

    record Symbol(String name) implements Dim {
        public Symbol {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a symbolic dimension needs a name");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A sum of products of symbols with positive coefficients, in canonical form: terms keyed by
     * their sorted symbols (with repeats, for powers), the highest degree first. Build them with
     * {@link Dim#sum} and {@link Dim#product}, which return a Fixed or a Symbol where the result is one.
     */
    record Compound(Polynomial polynomial) implements Dim {
        static Dim normalise(Polynomial p) {
            if (p.terms().isEmpty()) {
                return ZERO;
            }
            if (p.terms().size() == 1) {
                Map.Entry<List<String>, Integer> only = p.terms().entrySet().iterator().next();
                if (only.getKey().isEmpty()) {
                    if (only.getValue() < 1) {
                        throw new IllegalArgumentException("a dimension must be at least 1, not " + only.getValue());
                    }
                    return Dim.of(only.getValue());
                }
                if (only.getKey().size() == 1 && only.getValue() == 1) {
                    return Dim.of(only.getKey().get(0));
                }
            }
            return new Compound(p);
        }

        @Override
        public String toString() {
            return polynomial.toString();
        }
    }

    /**
     * A polynomial over symbols with integer coefficients: each term a multiset of symbols (a
     * sorted list, repeats for powers) mapped to its nonzero coefficient.
     */
    record Polynomial(Map<List<String>, Integer> terms) {
        public Polynomial {
            TreeMap<List<String>, Integer> sorted = new TreeMap<>(Polynomial::compareTerms);
            sorted.putAll(terms);
            terms = java.util.Collections.unmodifiableMap(sorted);
        }

        static Polynomial of(int constant) {
            return new Polynomial(constant == 0 ? Map.of() : Map.of(List.of(), constant));
        }

        static Polynomial of(Dim d) {
            if (d instanceof Fixed f) {
                return new Polynomial(Map.of(List.of(), f.size()));
            }
            if (d instanceof Symbol s) {
                return new Polynomial(Map.of(List.of(s.name()), 1));
            }
            return ((Compound) d).polynomial();
        }

        Polynomial plus(Polynomial other) {
            Map<List<String>, Integer> sum = new TreeMap<>(Polynomial::compareTerms);
            sum.putAll(terms);
            other.terms.forEach((term, c) -> sum.merge(term, c, Math::addExact));
            sum.values().removeIf(c -> c == 0);
            return new Polynomial(sum);
        }

        Polynomial times(Polynomial other) {
            Map<List<String>, Integer> product = new TreeMap<>(Polynomial::compareTerms);
            terms.forEach((a, ca) -> other.terms.forEach((b, cb) -> {
                List<String> symbols = new ArrayList<>(a);
                symbols.addAll(b);
                java.util.Collections.sort(symbols);
                product.merge(List.copyOf(symbols), Math.multiplyExact(ca, cb), Math::addExact);
            }));
            product.values().removeIf(c -> c == 0);
            return new Polynomial(product);
        }

        Set<String> symbols() {
            Set<String> all = new TreeSet<>();
            terms.keySet().forEach(all::addAll);
            return all;
        }

        int value(ToIntFunction<String> sizes) {
            int total = 0;
            for (Map.Entry<List<String>, Integer> term : terms.entrySet()) {
                int product = term.getValue();
                for (String symbol : term.getKey()) {
                    product = Math.multiplyExact(product, sizes.applyAsInt(symbol));
                }
                total = Math.addExact(total, product);
            }
            return total;
        }

        /** Higher degree first, then by symbols: {@code m*n + n + 2}. */
        private static int compareTerms(List<String> a, List<String> b) {
            if (a.size() != b.size()) {
                return Integer.compare(b.size(), a.size());
            }
            for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        /** {@code m*n + 2*n - 1}: products with {@code *}, as the language's indices would write them. */
        @Override
        public String toString() {
            return format(symbol -> symbol, "*");
        }

        String format(java.util.function.Function<String, String> symbol, String times) {
            if (terms.isEmpty()) {
                return "0";
            }
            StringBuilder out = new StringBuilder();
            terms.forEach((term, c) -> {
                int magnitude = Math.abs(c);
                out.append(out.length() == 0 ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + "));
                List<String> factors = new ArrayList<>();
                if (magnitude != 1 || term.isEmpty()) {
                    factors.add(Integer.toString(magnitude));
                }
                term.forEach(s -> factors.add(symbol.apply(s)));
                out.append(String.join(times, factors));
            });
            return out.toString();
        }
    }
}
