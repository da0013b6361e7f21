package dev.chainrule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A function of scalars, vectors and matrices whose value and derivatives chainrule's annotation
 * processor ({@code chainrule-annotation-processor}) generates at compile time, as a class that
 * extends the annotated abstract class or implements the annotated interface.
 *
 * <pre>{@code
 * @Differentiable(expr = "sum((X*w + b - y).^2) / N", wrt = {"w", "b"},
 *                vars = {"X: matrix[N, n]", "w: vector[n]", "b: scalar", "y: vector[N]"})
 * public interface Mse {
 *     double value(double[] X, double[] w, double b, double[] y);
 *     double valueAndGradient(double[] X, double[] w, double b, double[] y, double[] gradW, double[] gradB);
 *
 *     static Mse create(int N, int n) { return new ChainruleMse(N, n); }
 * }
 * }</pre>
 *
 * <p>The generated class, {@code ChainruleMse} in the same package, is what a {@code .calc} file's
 * function generates: a constructor that takes the symbolic dimensions ({@code N} and {@code n}, in
 * order of first appearance in the variables' types), {@code value(...)} taking the variables
 * (scalars as {@code double}, vectors and row-major matrices as {@code double[]}),
 * {@code valueAndGradient(..., gradW, gradB)} that also writes each gradient, and a
 * {@code hessianX}/{@code jacobianX} method for each variable of {@link #hessianWrt} and
 * {@link #jacobianWrt}. The abstract methods of the annotated type, if it declares any, must be among
 * these; the generated ones implement them.
 *
 * <p>The methods take the variables in the order of {@link #vars}, then those used without a
 * declaration in the order they first appear in {@link #expr}: declare them all to fix the order.
 *
 * <p>Errors in the expression (syntax, shapes) are compile errors on the annotation's attribute,
 * with the column in the expression and a caret under it.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Differentiable {
    /**
     * The function, an expression in chainrule's language, such as {@code sum((X*w + b - y).^2) / N},
     * {@code x'*A*x} or {@code norm2(A*x - y)^2 + lambda*norm2(x)^2}. Its value must be a scalar when
     * {@link #wrt} or {@link #hessianWrt} is given, a scalar or a vector for {@link #jacobianWrt}.
     * The symbolic dimensions of the declared variables ({@code N} above) may be used as numbers.
     */
    String expr();

    /**
     * The variables to take the gradient with respect to, in the order {@code valueAndGradient}'s
     * output arrays follow the inputs: {@code {"w", "b"}} gives
     * {@code valueAndGradient(..., double[] gradW, double[] gradB)}. Each gradient has its variable's
     * shape (a scalar's is written into entry 0 of an array of length 1). Empty: no gradient.
     */
    String[] wrt() default {};

    /**
     * Declarations of the variables, each {@code "name: type"} with a type as in {@code .calc} files:
     * {@code scalar}, {@code vector[n]}, {@code matrix[m, n]}; a dimension is a name or a fixed size
     * ({@code vector[3]}). Variables left undeclared take matrixcalculus.org's convention by their first
     * letter: {@code a}–{@code g} scalars, {@code h}–{@code z} vectors, {@code A}–{@code Z} matrices
     * (others scalars), with dimensions inferred from how they are used.
     */
    String[] vars() default {};

    /**
     * Variables (scalars or vectors) to generate the Hessian for, each as a method
     * {@code void hessianX(..., double[] hessianX)} writing the n × n matrix row-major. The expression must be a
     * scalar.
     */
    String[] hessianWrt() default {};

    /**
     * Variables (scalars or vectors) to generate the Jacobian for, in numerator layout, each as a method
     * {@code void jacobianX(..., double[] jacobianX)}. The expression must be a scalar or a vector.
     */
    String[] jacobianWrt() default {};

    /**
     * The simple name of the generated class, in the annotated type's package. Default:
     * {@code Chainrule} followed by the annotated type's name, with {@code _} between the names of
     * nested types ({@code ChainruleMse}, {@code ChainruleLosses_Mse}).
     */
    String className() default "";

    /**
     * The number type of the generated class: {@code "double"} or {@code "float"}, the same methods
     * on {@code float} and {@code float[]}, computed in float. Default, empty: the processor option {@code -Achainrule.precision=float}
     * if given, else {@code double}.
     */
    String precision() default "";
}
