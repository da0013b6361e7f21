package dev.chainrule.codegen.loop;

import java.util.List;
import java.util.function.UnaryOperator;

/** One step of the loop optimiser: a named function from a method body to a method body. */
record Pass(String name, UnaryOperator<List<Stmt>> function) {

    List<Stmt> apply(List<Stmt> body) {
        return function.apply(body);
    }

    /** The body after each pass in turn. */
    static List<Stmt> run(List<Pass> passes, List<Stmt> body) {
        List<Stmt> current = body;
        for (Pass pass : passes) {
            current = pass.apply(current);
        }
        return current;
    }
}
