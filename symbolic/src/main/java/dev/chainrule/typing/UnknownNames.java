package dev.chainrule.typing;

import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcFile;
import dev.chainrule.syntax.Source;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to tell a user about a name a {@code .calc} function does not declare: most often a typo of
 * a name it does declare ("did you mean 'lambda'?"), else a parameter to add, with the shape the
 * function needs it to have ({@code v: vector[n]} where it meets {@code w .* v}).
 */
final class UnknownNames {
    private UnknownNames() {}

    /** The message for {@code unknown}: a likely spelling among {@code known}, or a declaration to add. */
    static String message(String unknown, Collection<String> known, Source source, CalcFile.FunctionDecl decl,
                          Map<String, Shape> declared, Set<String> dims) {
        String closest = closest(unknown, known);
        if (closest != null) {
            return "unknown name '" + unknown + "': did you mean '" + closest + "'?";
        }
        return "unknown name '" + unknown + "': declare it as a parameter, as in " + unknown + ": "
                + declaration(neededShape(unknown, source, decl, declared, dims));
    }

    /**
     * The known name nearest to {@code unknown} by edit distance (insertions, deletions,
     * substitutions and swaps of neighbours), if it is near enough to be a typo: one edit for short
     * names, two from five letters on; ties go to the name declared first.
     */
    static String closest(String unknown, Collection<String> known) {
        int allowed = unknown.length() >= 5 ? 2 : 1;
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : known) {
            int d = distance(unknown, candidate);
            if (d < bestDistance && d < candidate.length()) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The optimal string alignment distance: Levenshtein's, with a swap of two neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The shape with which the function checks, the unknown name declared so: the one its first
     * letter suggests (as for an undeclared name in a single expression), else a scalar, a vector,
     * a matrix, whichever works first; tried with the shape its requests need the body to have,
     * then, if none works (another unknown name in the way), without; a scalar if still none does.
     */
    private static Shape neededShape(String unknown, Source source, CalcFile.FunctionDecl decl,
                                     Map<String, Shape> declared, Set<String> dims) {
        char first = unknown.charAt(0);
        Shape.Kind conventional = first >= 'h' && first <= 'z' ? Shape.Kind.VECTOR
                : first >= 'A' && first <= 'Z' ? Shape.Kind.MATRIX : Shape.Kind.SCALAR;
        for (boolean withRequests : List.of(true, false)) {
            for (Shape.Kind kind : List.of(conventional, Shape.Kind.SCALAR, Shape.Kind.VECTOR, Shape.Kind.MATRIX)) {
                Shape shape = checksWith(unknown, kind, source, decl, declared, dims, withRequests);
                if (shape != null) {
                    return shape;
                }
            }
        }
        return Shape.SCALAR;
    }

    /** The unknown name's shape if the function checks with it of this kind, else null. */
    private static Shape checksWith(String unknown, Shape.Kind kind, Source source, CalcFile.FunctionDecl decl,
                                    Map<String, Shape> declared, Set<String> dims, boolean withRequests) {
        Set<String> names = new HashSet<>(declared.keySet());
        names.add(unknown);
        decl.locals().forEach(local -> names.add(local.name()));
        Map<String, Shape> scope = new HashMap<>(declared);
        ShapeInference trial = new ShapeInference(source, scope, dims, names);
        scope.put(unknown, trial.fresh(kind));
        try {
            for (CalcFile.LocalDef local : decl.locals()) {
                trial.declareLocal(local.name(), trial.infer(local.value()));
            }
            trial.infer(decl.body());
            boolean needsScalar = withRequests && decl.requests().stream()
                    .anyMatch(r -> r.kind() != CalcFile.DerivativeRequest.Kind.JACOBIAN);
            if (needsScalar) {
                trial.expect(decl.body(), Shape.SCALAR);
            }
        } catch (CalcException doesNotCheck) {
            return null;
        }
        return trial.resolve(scope.get(unknown));
    }

    /** {@code scalar}, {@code vector[n]}, {@code matrix[m, n]}: as a parameter is declared. */
    private static String declaration(Shape shape) {
        return switch (shape.kind()) {
            case SCALAR -> "scalar";
            case VECTOR, ROW -> "vector[" + shape.length() + "]";
            case MATRIX -> "matrix[" + shape.rows() + ", " + shape.cols() + "]";
        };
    }

    /** Whether a name in the function is unknown: not a parameter, local definition, dimension or eye. */
    static boolean isUnknown(Ast.Name name, Set<String> known, Set<String> dims) {
        return !known.contains(name.id()) && !dims.contains(name.id()) && !name.id().equals("eye");
    }
}
