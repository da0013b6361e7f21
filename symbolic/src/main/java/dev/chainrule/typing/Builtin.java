package dev.chainrule.typing;

import dev.chainrule.graph.Fn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The functions of the language that are not element-wise: reductions, matrix functions, constructors. */
enum Builtin {
    SUM("sum", 1), LOGSUMEXP("logsumexp", 1), SOFTMAX("softmax", 1), LOGSOFTMAX("logsoftmax", 1), NORM1("norm1", 1), NORM2("norm2", 1), TR("tr", 1), DET("det", 1), LOGDET("logdet", 1),
    INV("inv", 1), DIAG("diag", 1), DOT("dot", 2), MAX("max", 2), VECTOR("vector", 1), MATRIX("matrix", 1),
    EYE("eye", 0), VEC("vec", 1), KRON("kron", 2),
    /** reshape(x, m, n): x's entries, row by row, as an m × n matrix; the sizes are dimensions. */
    RESHAPE("reshape", 3),
    /** commutation(m, n): the permutation K with K vec(X) = vec(Xᵀ) for an m × n X. */
    COMMUTATION("commutation", 2);

    final String symbol;
    final int arity;

    Builtin(String symbol, int arity) {
        this.symbol = symbol;
        this.arity = arity;
    }

    static Optional<Builtin> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(b -> b.symbol.equals(symbol)).findFirst();
    }

    /** Every function name a user may call, for "did you mean" suggestions. */
    static List<String> allFunctionNames() {
        List<String> names = new ArrayList<>();
        for (Fn fn : Fn.values()) {
            names.add(fn.symbol());
        }
        for (Builtin b : values()) {
            names.add(b.symbol);
        }
        return names;
    }

    /** The known name nearest to {@code unknown} by edit distance, if any is reasonably near. */
    static Optional<String> nearest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : allFunctionNames()) {
            int d = editDistance(unknown, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 2) ? Optional.of(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
