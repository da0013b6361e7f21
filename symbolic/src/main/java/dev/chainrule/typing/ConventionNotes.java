package dev.chainrule.typing;

import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.Ast;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Source;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Explains a shape error in a single expression whose cause is an undeclared name's shape: in
 * {@code sum(x) / N}, {@code N} is a matrix only because of its first letter. A note at the name
 * says so and how to declare it, given only when declaring that one name otherwise does make the
 * expression check, so that notes never send a user the wrong way.
 */
final class ConventionNotes {
    /** Names looked at below the failing operator; past this, the error stands on its own. */
    private static final int MAX_NAMES = 16;
    /** Notes added to one error at most. */
    private static final int MAX_NOTES = 2;

    private ConventionNotes() {}

    /**
     * {@code error} with notes for the undeclared names below {@code failedAt} whose shape, declared
     * differently, makes {@code ast} check.
     *
     * @param howToDeclare the advice for a name and a type: {@code declare it with --var N:scalar}
     */
    static CalcException explain(CalcException error, Ast failedAt, Ast ast, Source source,
                                 Map<String, Shape> declared, Set<String> dims, Set<String> namesInUse,
                                 Map<String, Shape> undeclared, Shape expected,
                                 BiFunction<String, String, String> howToDeclare) {
        if (failedAt == null || error.diagnostics().size() != 1) {
            return error;
        }
        Diagnostic diagnostic = error.diagnostics().get(0);
        int notes = 0;
        for (Map.Entry<String, Ast.Name> use : undeclaredNamesBelow(failedAt, undeclared).entrySet()) {
            String name = use.getKey();
            Shape fix = shapeThatChecks(name, undeclared.get(name), ast, source, declared, dims, namesInUse, expected);
            if (fix != null) {
                diagnostic = diagnostic.withNote(use.getValue().span(), name + " is undeclared, so "
                        + article(undeclared.get(name)) + " by its first letter (a–g scalars, h–z vectors, A–Z "
                        + "matrices): " + howToDeclare.apply(name, fix.isRow() ? "vector[" + fix.length() + "]" : fix.toString()));
                if (++notes == MAX_NOTES) {
                    break;
                }
            }
        }
        return notes == 0 ? error : new CalcException(List.of(diagnostic));
    }

    /** The first use of each undeclared name below the node, in the order written; at most MAX_NAMES. */
    private static Map<String, Ast.Name> undeclaredNamesBelow(Ast node, Map<String, Shape> undeclared) {
        Map<String, Ast.Name> found = new LinkedHashMap<>();
        Deque<Ast> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty() && found.size() < MAX_NAMES) {
            Ast next = pending.pop();
            if (next instanceof Ast.Name name && undeclared.containsKey(name.id())) {
                found.putIfAbsent(name.id(), name);
            }
            List<Ast> children = next.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return found;
    }

    /** A shape of another kind with which the whole expression checks, the name declared so; or null. */
    private static Shape shapeThatChecks(String name, Shape conventional, Ast ast, Source source,
                                         Map<String, Shape> declared, Set<String> dims, Set<String> namesInUse,
                                         Shape expected) {
        for (Shape.Kind kind : List.of(Shape.Kind.SCALAR, Shape.Kind.VECTOR, Shape.Kind.MATRIX)) {
            if (kind == conventional.kind()) {
                continue;
            }
            Map<String, Shape> scope = new HashMap<>(declared);
            ShapeInference trial = new ShapeInference(source, scope, dims, namesInUse);
            scope.put(name, trial.fresh(kind));
            try {
                trial.infer(ast);
                if (expected != null) {
                    trial.expect(ast, expected);
                }
                return trial.resolve(scope.get(name));
            } catch (CalcException stillFails) {
                // try the next kind
            }
        }
        return null;
    }

    private static String article(Shape shape) {
        return shape.isScalar() ? "a scalar" : shape.isMatrix() ? "a matrix" : "a vector";
    }
}
