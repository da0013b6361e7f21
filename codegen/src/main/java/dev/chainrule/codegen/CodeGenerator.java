package dev.chainrule.codegen;

import com.palantir.javapoet.JavaFile;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Precision;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The code generator's public face: one Java class per function of a shape-checked {@code .calc}
 * file. The classes need nothing but the JDK and compile on Java 8 and later.
 */
public final class CodeGenerator {
    private CodeGenerator() {}

    /**
     * Derives every function of a file and generates its class.
     *
     * @throws CalcException if a name cannot be a Java name ({@link JavaNames}), with every such problem
     */
    public static List<JavaFile> generate(TypedFile file) {
        return generate(file, Precision.DOUBLE);
    }

    /**
     * Derives every function of a file and generates its class, in the precision the file declares
     * or else in {@code otherwise} (a tool's option).
     *
     * @throws CalcException if a name cannot be a Java name ({@link JavaNames}), with every such problem
     */
    public static List<JavaFile> generate(TypedFile file, Precision otherwise) {
        return planned(file, otherwise).stream().map(Planned::java).toList();
    }

    /** A generated class and the plan it was written from, which names its methods. */
    record Planned(ClassPlan plan, JavaFile java) {}

    /** {@link #generate(TypedFile)}, keeping each class's plan. */
    static List<Planned> planned(TypedFile file) {
        return planned(file, Precision.DOUBLE);
    }

    /** {@link #generate(TypedFile, Precision)}, keeping each class's plan. */
    static List<Planned> planned(TypedFile file, Precision otherwise) {
        Precision precision = file.precisionOr(otherwise);
        List<Diagnostic> problems = JavaNames.check(file);
        if (!problems.isEmpty()) {
            throw new CalcException(problems);
        }
        List<Planned> classes = new ArrayList<>();
        for (TypedFunction function : file.functions()) {
            DerivedFunction derived = DerivedFunction.of(function);
            ClassPlan plan = ClassPlan.of(derived, ClassPlan.className(function.name()), precision);
            classes.add(new Planned(plan, new ClassWriter(plan, file.packageName(), sourceName(file)).write()));
        }
        return classes;
    }

    /**
     * Derives one function of a file and generates its class.
     *
     * @throws CalcException if the package or the function's class cannot be a Java name ({@link JavaNames})
     */
    public static JavaFile generate(TypedFile file, TypedFunction function) {
        return generate(file, function, Precision.DOUBLE);
    }

    /**
     * Derives one function of a file and generates its class, in the precision the file declares
     * or else in {@code otherwise}.
     *
     * @throws CalcException if the package or the function's class cannot be a Java name ({@link JavaNames})
     */
    public static JavaFile generate(TypedFile file, TypedFunction function, Precision otherwise) {
        List<Diagnostic> problems = JavaNames.check(file, function);
        if (!problems.isEmpty()) {
            throw new CalcException(problems);
        }
        DerivedFunction derived = DerivedFunction.of(function);
        return generate(derived, file.packageName(), sourceName(file), ClassPlan.className(function.name()),
                file.precisionOr(otherwise));
    }

    /**
     * The class of a derived function: the code generator's stage proper. The package and class
     * names are taken as they are: those of a file are checked by {@link JavaNames} first.
     *
     * @param packageName the Java package; empty for none
     * @param sourceName  the name of the file the function comes from, for the generated comments
     */
    public static JavaFile generate(DerivedFunction function, String packageName, String sourceName) {
        return new ClassWriter(ClassPlan.of(function), packageName, sourceName).write();
    }

    /**
     * {@link #generate(DerivedFunction, String, String)} under another class name than the
     * function's, as the annotation processor names its classes: the class refers to itself by
     * that name (the parallel method of a sum over rows makes an instance per chunk).
     *
     * @param className a Java class name, checked by the caller
     */
    public static JavaFile generate(DerivedFunction function, String packageName, String sourceName, String className) {
        return generate(function, packageName, sourceName, className, Precision.DOUBLE);
    }

    /**
     * {@link #generate(DerivedFunction, String, String, String)} in a given precision: a
     * {@code float} class has the same methods on {@code float[]} and {@code float}.
     */
    public static JavaFile generate(DerivedFunction function, String packageName, String sourceName, String className,
                                    Precision precision) {
        return new ClassWriter(ClassPlan.of(function, className, precision), packageName, sourceName).write();
    }

    /** The file's own name, without its folder; no Path, so that names like {@code <expr>} are safe everywhere. */
    public static String sourceName(TypedFile file) {
        String name = file.source().name();
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    /** The symbolic dimensions of a function in the order its generated constructor takes them. */
    public static java.util.List<String> dimensionOrder(TypedFunction function) {
        java.util.LinkedHashSet<String> dims = new java.util.LinkedHashSet<>();
        for (dev.chainrule.graph.Expr.Variable p : function.params()) {
            for (dev.chainrule.shape.Dim d : java.util.List.of(p.shape().rows(), p.shape().cols())) {
                if (d instanceof dev.chainrule.shape.Dim.Symbol s) {
                    dims.add(s.name());
                }
            }
        }
        return java.util.List.copyOf(dims);
    }

    /** The Java class name for a function: {@code two_layer} becomes {@code TwoLayer}. */
    public static String className(String functionName) {
        return ClassPlan.className(functionName);
    }
}
