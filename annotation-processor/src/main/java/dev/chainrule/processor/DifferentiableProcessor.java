package dev.chainrule.processor;

import dev.chainrule.syntax.DeepStack;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.codegen.JavaNames;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.processor.FunctionSynthesizer.Attribute;
import dev.chainrule.processor.FunctionSynthesizer.Problem;
import dev.chainrule.syntax.Precision;
import dev.chainrule.typing.TypedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

/**
 * Generates, for each type annotated {@code @dev.chainrule.annotation.Differentiable}, a class in
 * its package that extends it (a class) or implements it (an interface) and computes the annotated
 * function's value and derivatives, as the code generator does for a {@code .calc} function.
 *
 * <p>Errors are reported on the attribute at fault, so that IDEs underline it: the expression's
 * with the column in the expression and a caret under it. The annotation is known by name only, so
 * that this jar does not need to contain it.
 */
public final class DifferentiableProcessor extends AbstractProcessor {
    static final String ANNOTATION = "dev.chainrule.annotation.Differentiable";
    /** The processor option that sets the precision of classes whose annotation names none. */
    static final String PRECISION_OPTION = "chainrule.precision";

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(PRECISION_OPTION);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(ANNOTATION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
        if (annotation == null || annotations.isEmpty()) {
            return false;
        }
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
            AnnotationMirror mirror = mirrorOf(element, annotation);
            if (mirror != null) {
                process(element, mirror);
            }
        }
        // The annotation is this processor's alone: claiming it spares javac's "no processor claimed" warning.
        return true;
    }

    private void process(Element element, AnnotationMirror mirror) {
        Attributes attributes = new Attributes(mirror);
        if (!checkTarget(element, mirror)) {
            return;
        }
        TypeElement type = (TypeElement) element;
        String packageName = packageOf(type).getQualifiedName().toString();
        String simpleName = attributes.string("className");
        if (simpleName.isEmpty()) {
            simpleName = "Chainrule" + nestedName(type, "_");
        } else if (!SourceVersion.isIdentifier(simpleName) || SourceVersion.isKeyword(simpleName)) {
            error("className: \"" + simpleName + "\" is not a Java class name", element, mirror,
                    attributes.value("className"));
            return;
        } else if (JavaNames.hidesJavaLang(simpleName)) {
            error("className: \"" + simpleName + "\" would hide java.lang." + simpleName + " from the classes of "
                    + (packageName.isEmpty() ? "the unnamed package" : "package " + packageName), element, mirror,
                    attributes.value("className"));
            return;
        }
        Precision precision = precision(attributes, element, mirror);
        if (precision == null) {
            return;
        }
        String[] where = sourcePosition(type, mirror);
        FunctionSynthesizer.Input input = new FunctionSynthesizer.Input(packageName, type.getSimpleName().toString(),
                where[0], Integer.parseInt(where[1]), attributes.string("expr"), attributes.strings("vars"),
                attributes.strings("wrt"), attributes.strings("hessianWrt"), attributes.strings("jacobianWrt"));

        JavaFile generated;
        String className = simpleName;
        try {
            // Checking and generating recurse over expressions: deeply nested input needs a deep stack.
            generated = DeepStack.call("chainrule-processor", () -> {
                TypedFile file = FunctionSynthesizer.synthesize(input);
                // The names are Java's already (the package, the annotated type's); the class gets its own
                // name from the start, since a class may refer to itself (a sum over rows, per chunk).
                return CodeGenerator.generate(DerivedFunction.of(file.functions().get(0)), file.packageName(),
                        CodeGenerator.sourceName(file), className, precision);
            });
        } catch (FunctionSynthesizer.Invalid invalid) {
            for (Problem problem : invalid.problems()) {
                error(problem.message(), element, mirror, attributes.value(problem.attribute(), problem.index()));
            }
            return;
        } catch (RuntimeException | StackOverflowError e) {
            String message = e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                    : e instanceof StackOverflowError ? "the expression is nested too deeply to generate"
                    : "internal error (a bug in chainrule, please report it): " + e;
            error(message, element, mirror, attributes.value(Attribute.EXPR, -1));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error("interrupted", element, mirror, attributes.value(Attribute.EXPR, -1));
            return;
        }

        Set<String> overriding = checkAbstractMethods(type, generated, packageName + "." + simpleName,
                variableCount(generated));
        if (overriding == null) {
            return;
        }
        boolean isInterface = type.getKind() == ElementKind.INTERFACE;
        ClassName annotated = ClassName.get(type);
        // No @javax.annotation.processing.Generated: no processor claims it, and javac -Xlint:all warns so
        // (source retention, coverage tools do not see it anyway); the file comment says it instead.
        JavaFile file = ClassAdapter.adapt(generated, new ClassAdapter.Target(simpleName,
                isInterface ? null : annotated, isInterface ? annotated : null, overriding,
                "Generated by chainrule from the @Differentiable annotation of " + type.getQualifiedName()
                        + " by " + DifferentiableProcessor.class.getName() + ".\nDo not edit: change the annotation.",
                type));
        try {
            file.writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            error("cannot write " + packageName + "." + simpleName + ": " + e.getMessage(), element, mirror, null);
        }
    }

    /**
     * The annotation's {@code precision}, or else the processor option's, or else double; null after
     * reporting an unknown one, on the attribute or on the annotation for the option.
     */
    private Precision precision(Attributes attributes, Element element, AnnotationMirror mirror) {
        String written = attributes.string("precision");
        if (!written.isEmpty()) {
            Precision precision = Precision.named(written).orElse(null);
            if (precision == null) {
                error("precision: \"" + written + "\" is not a precision, expected \"double\" or \"float\"", element,
                        mirror, attributes.value("precision"));
            }
            return precision;
        }
        String option = processingEnv.getOptions().get(PRECISION_OPTION);
        if (option == null || option.isEmpty()) {
            return Precision.DOUBLE;
        }
        Precision precision = Precision.named(option).orElse(null);
        if (precision == null) {
            error("-A" + PRECISION_OPTION + "=" + option + " is not a precision, expected double or float", element,
                    mirror, null);
        }
        return precision;
    }

    /** The annotated element must be a class or interface that a top-level class of its package can extend. */
    private boolean checkTarget(Element element, AnnotationMirror mirror) {
        ElementKind kind = element.getKind();
        if (kind != ElementKind.CLASS && kind != ElementKind.INTERFACE) {
            error("@Differentiable goes on an abstract class or an interface, which the generated class extends "
                    + "or implements, not on " + article(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')),
                    element, mirror, null);
            return false;
        }
        TypeElement type = (TypeElement) element;
        if (type.getModifiers().contains(Modifier.FINAL)) {
            error("@Differentiable needs a class the generated class can extend: make " + type.getSimpleName()
                    + " abstract (or at least not final)", element, mirror, null);
            return false;
        }
        if (type.getModifiers().contains(Modifier.SEALED)) {
            error("@Differentiable cannot go on a sealed type: the generated class extends it", element, mirror, null);
            return false;
        }
        if (!type.getTypeParameters().isEmpty()) {
            error("@Differentiable does not support generic types", element, mirror, null);
            return false;
        }
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                error("@Differentiable cannot go on a private type, or one nested in a private type: the generated "
                        + "class, in the same package, must see it", element, mirror, null);
                return false;
            }
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                error("@Differentiable cannot go on a local class", element, mirror, null);
                return false;
            }
            if (t.getNestingKind() == NestingKind.MEMBER && t.getKind() == ElementKind.CLASS
                    && !t.getModifiers().contains(Modifier.STATIC)) {
                error("@Differentiable cannot go on an inner class, or one nested in an inner class: make "
                        + t.getSimpleName() + " static", element, mirror, null);
                return false;
            }
        }
        if (kind == ElementKind.CLASS) {
            List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
            boolean callable = constructors.stream().anyMatch(c -> c.getParameters().isEmpty()
                    && !c.getModifiers().contains(Modifier.PRIVATE));
            if (!callable) {
                error("@Differentiable needs a constructor without parameters, not private, for the generated class "
                        + "to call", element, mirror, null);
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that the generated class implements every abstract method of the annotated type, and
     * returns their signatures, which get {@code @Override}; null after reporting those it cannot.
     */
    private Set<String> checkAbstractMethods(TypeElement type, JavaFile generated, String className,
                                             int variableCount) {
        Map<String, MethodSpec> offered = new HashMap<>();
        for (MethodSpec method : ClassAdapter.publicMethods(generated)) {
            offered.put(ClassAdapter.signature(method), method);
        }
        Set<String> overriding = new LinkedHashSet<>();
        boolean ok = true;
        for (ExecutableElement method : ElementFilter.methodsIn(processingEnv.getElementUtils().getAllMembers(type))) {
            if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
                continue;
            }
            String signature = method.getSimpleName() + method.getParameters().stream()
                    .map(p -> processingEnv.getTypeUtils().erasure(p.asType()).toString())
                    .collect(Collectors.joining(",", "(", ")"));
            MethodSpec match = offered.get(signature);
            String returnType = processingEnv.getTypeUtils().erasure(method.getReturnType()).toString();
            if (match != null && ClassAdapter.returnType(match).equals(returnType)) {
                int misnamed = misnamedParameter(method, match, variableCount);
                if (misnamed < 0) {
                    overriding.add(signature);
                    if (namesCompiledAway(method) && hasParametersOfOneType(match)) {
                        processingEnv.getMessager().printMessage(Kind.WARNING, "the parameter names of "
                                + method.getSimpleName() + " are not in its class file, so chainrule cannot check "
                                + "that its arguments of one type are in the order " + className + " takes them: "
                                + ClassAdapter.describe(match) + " (compile it with -parameters)", type);
                    }
                    continue;
                }
                ok = false;
                VariableElement parameter = method.getParameters().get(misnamed);
                // On the parameter itself where it is written here, so that an IDE underlines it.
                boolean declaredHere = method.getEnclosingElement().equals(type);
                processingEnv.getMessager().printMessage(Kind.ERROR, "parameter " + (misnamed + 1) + " of "
                        + method.getSimpleName() + ", " + parameter.getSimpleName() + ", is "
                        + match.parameters().get(misnamed).name() + " in the generated method (" + className
                        + " generates " + ClassAdapter.describe(match) + "): name the parameters as it does, so that "
                        + "arguments of one type cannot be swapped"
                        + (declaredHere ? "" : " (" + method.getSimpleName() + " is declared in "
                        + ((TypeElement) method.getEnclosingElement()).getQualifiedName() + ")"),
                        declaredHere ? parameter : type);
                continue;
            }
            ok = false;
            String offers = ClassAdapter.publicMethods(generated).stream().map(ClassAdapter::describe)
                    .collect(Collectors.joining("; "));
            String problem = match != null
                    ? className + "." + match.name() + " returns " + ClassAdapter.returnType(match) + ", not " + returnType
                    : className + " does not generate " + method.getSimpleName() + "(" + method.getParameters().stream()
                    .map(p -> p.asType().toString()).collect(Collectors.joining(", ")) + ")";
            String message = problem + ": the abstract methods of a @Differentiable type must be among the generated "
                    + "methods, which are: " + offers;
            boolean declaredHere = method.getEnclosingElement().equals(type);
            processingEnv.getMessager().printMessage(Kind.ERROR, declaredHere ? message
                    : message + " (" + method.getSimpleName() + " is declared in "
                    + ((TypeElement) method.getEnclosingElement()).getQualifiedName() + ")", declaredHere ? method : type);
        }
        return ok ? overriding : null;
    }

    /** How many parameters the function has: those of the generated {@code value} method. */
    private static int variableCount(JavaFile generated) {
        return ClassAdapter.publicMethods(generated).stream().filter(m -> m.name().equals("value"))
                .findFirst().map(m -> m.parameters().size() - (m.returnType() == com.palantir.javapoet.TypeName.VOID
                        ? 1 : 0))
                .orElse(0);
    }

    /**
     * Where an abstract method's parameters are not named as the generated method's, in order,
     * the index of the first that is not; -1 where they all are. Parameters of one type
     * ({@code double[] w, double[] X}) would otherwise be matched by type alone and silently
     * swapped. The function's variables are checked always, its outputs where there are several
     * (gradients of several variables); a single output may have any name. Names compiled away
     * ({@code arg0}, from a class file without {@code -parameters}) cannot be checked: they pass,
     * with a warning where arguments could be swapped.
     */
    private static int misnamedParameter(ExecutableElement method, MethodSpec generated, int variables) {
        List<? extends VariableElement> declared = method.getParameters();
        if (namesCompiledAway(method)) {
            return -1;
        }
        int checked = declared.size() - variables > 1 ? declared.size() : variables;
        for (int i = 0; i < checked; i++) {
            if (!declared.get(i).getSimpleName().contentEquals(generated.parameters().get(i).name())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean namesCompiledAway(ExecutableElement method) {
        List<? extends VariableElement> declared = method.getParameters();
        return !declared.isEmpty() && declared.stream().allMatch(p -> p.getSimpleName().toString().matches("arg\\d+"));
    }

    /** Whether a generated method takes two arguments of one type, which a caller could swap. */
    private static boolean hasParametersOfOneType(MethodSpec method) {
        return method.parameters().stream().map(p -> p.type().toString()).distinct().count()
                < method.parameters().size();
    }

    /**
     * The file name and line of the annotation, for the generated Javadoc; javac's tree API gives
     * them, other compilers (or a wrapped environment) fall back to the type's name and line 1.
     */
    private String[] sourcePosition(TypeElement type, AnnotationMirror mirror) {
        String fallback = outermost(type).getSimpleName() + ".java";
        try {
            Trees trees = Trees.instance(processingEnv);
            TreePath path = trees.getPath(type, mirror);
            if (path != null) {
                CompilationUnitTree unit = path.getCompilationUnit();
                long position = trees.getSourcePositions().getStartPosition(unit, path.getLeaf());
                String name = unit.getSourceFile().getName();
                name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
                long line = position < 0 ? 1 : unit.getLineMap().getLineNumber(position);
                return new String[] {name.isEmpty() ? fallback : name, Long.toString(Math.max(1, line))};
            }
        } catch (RuntimeException | LinkageError notJavac) {
            // Not javac's environment: no positions.
        }
        return new String[] {fallback, "1"};
    }

    private static TypeElement outermost(TypeElement type) {
        TypeElement outer = type;
        while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
            outer = enclosing;
        }
        return outer;
    }

    /** {@code Outer_Inner} for a nested type, with the given separator. */
    private static String nestedName(TypeElement type, String separator) {
        List<String> names = new ArrayList<>();
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            names.add(0, t.getSimpleName().toString());
        }
        return String.join(separator, names);
    }

    private PackageElement packageOf(Element element) {
        return processingEnv.getElementUtils().getPackageOf(element);
    }

    private static AnnotationMirror mirrorOf(Element element, TypeElement annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(annotation.getQualifiedName())) {
                return mirror;
            }
        }
        return null;
    }

    private void error(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        processingEnv.getMessager().printMessage(Kind.ERROR, message, element, mirror, value);
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }


    /** The annotation's attribute values, with their defaults, and the values written for error positions. */
    private final class Attributes {
        private final Map<String, AnnotationValue> explicit = new HashMap<>();
        private final Map<String, AnnotationValue> all = new HashMap<>();

        Attributes(AnnotationMirror mirror) {
            mirror.getElementValues().forEach((k, v) -> explicit.put(k.getSimpleName().toString(), v));
            processingEnv.getElementUtils().getElementValuesWithDefaults(mirror)
                    .forEach((k, v) -> all.put(k.getSimpleName().toString(), v));
        }

        String string(String name) {
            AnnotationValue value = all.get(name);
            return value == null || !(value.getValue() instanceof String s) ? "" : s;
        }

        List<String> strings(String name) {
            AnnotationValue value = all.get(name);
            List<String> strings = new ArrayList<>();
            if (value != null && value.getValue() instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof AnnotationValue v && v.getValue() instanceof String s) {
                        strings.add(s);
                    }
                }
            } else if (value != null && value.getValue() instanceof String s) {
                strings.add(s);
            }
            return strings;
        }

        /** The value as written, to point at; null (the whole annotation) for a default. */
        AnnotationValue value(String name) {
            return explicit.get(name);
        }

        /** The value of an attribute, or of one element of an array attribute. */
        AnnotationValue value(Attribute attribute, int index) {
            AnnotationValue value = explicit.get(attribute.javaName);
            if (value != null && index >= 0 && value.getValue() instanceof List<?> list && index < list.size()
                    && list.get(index) instanceof AnnotationValue element) {
                return element;
            }
            return value;
        }
    }
}
