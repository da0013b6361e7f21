package dev.chainrule.derive;

import dev.chainrule.graph.Expr;
import dev.chainrule.simplify.Simplifier;
import dev.chainrule.syntax.CalcFile.DerivativeRequest.Kind;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage after type checking: a function's body simplified once, with every derivative it asks
 * for derived and simplified once. The code generator, the interpreter's engines and the tools take
 * this value, so no stage runs twice.
 *
 * <p>Gradients are one reverse sweep over the union of the variables of every {@code gradient}
 * request, so that a generated {@code valueAndGradient} shares all their work; Jacobians and
 * Hessians are one per variable, in request order.
 *
 * @param function    the shape-checked function
 * @param body        its body, simplified (the value the derivatives share their nodes with)
 * @param gradients   the gradient with respect to each variable of the gradient requests, in order
 * @param derivatives the Jacobians (in numerator layout), Hessians and Hessian-vector products asked
 *                    for, in the order asked
 */
public record DerivedFunction(TypedFunction function, Expr body, Map<Expr.Variable, Expr> gradients,
                              List<Derivative> derivatives) {

    /**
     * One derivative of the body with respect to one variable; a Hessian-vector product's value
     * reads a {@code direction}, a variable of wrt's shape (null for the other kinds).
     */
    public record Derivative(Kind kind, Expr.Variable wrt, Expr value, Expr.Variable direction) {
        public Derivative(Kind kind, Expr.Variable wrt, Expr value) {
            this(kind, wrt, value, null);
        }
    }

    public DerivedFunction {
        gradients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        derivatives = List.copyOf(derivatives);
    }

    /**
     * Simplifies the body and derives what the function's requests ask for.
     *
     * @throws DerivativeException if a derivative cannot be taken (a user error, with the reason)
     */
    public static DerivedFunction of(TypedFunction function) {
        Expr body = Simplifier.simplify(function.body());
        List<Expr.Variable> gradientVariables = new ArrayList<>();
        List<Derivative> derivatives = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        function.params().forEach(p -> taken.add(p.name()));
        for (TypedFunction.Request request : function.requests()) {
            for (Expr.Variable v : request.wrt()) {
                switch (request.kind()) {
                    case GRADIENT -> {
                        if (!gradientVariables.contains(v)) {
                            gradientVariables.add(v);
                        }
                    }
                    case JACOBIAN -> derivatives.add(new Derivative(Kind.JACOBIAN, v,
                            Derivatives.jacobianOfSimplified(body, v)));
                    case HESSIAN -> derivatives.add(new Derivative(Kind.HESSIAN, v,
                            Derivatives.hessianOfSimplified(body, v)));
                    case HVP -> {
                        Expr.Variable direction = direction(taken, v);
                        derivatives.add(new Derivative(Kind.HVP, v,
                                Derivatives.hessianVectorProductOfSimplified(body, v, direction), direction));
                    }
                }
            }
        }
        Map<Expr.Variable, Expr> gradients = gradientVariables.isEmpty() ? Map.of()
                : Derivatives.gradientsOfSimplified(body, gradientVariables);
        return new DerivedFunction(function, body, gradients, derivatives);
    }

    public String name() {
        return function.name();
    }

    /**
     * The direction of H v for a variable: {@code v}, or the first of v1, v2, … not in {@code taken}
     * (the parameters and earlier directions), which it joins, so that each direction is its own
     * input. The one naming rule for the command line and generated code.
     */
    public static Expr.Variable direction(java.util.Set<String> taken, Expr.Variable wrt) {
        String name = "v";
        for (int k = 1; taken.contains(name); k++) {
            name = "v" + k;
        }
        taken.add(name);
        return (Expr.Variable) Expr.variable(name, wrt.shape());
    }
}
