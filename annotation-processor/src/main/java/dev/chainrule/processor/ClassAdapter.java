package dev.chainrule.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Turns the class the code generator makes for a {@code .calc} function into the one the processor
 * writes: renamed, a subclass of the annotated class or an implementation of the annotated
 * interface, with {@code @Override} on the methods that implement its abstract ones, and tied to the annotated type as its originating element.
 */
final class ClassAdapter {
    private ClassAdapter() {}

    /** What to make of the generated class. */
    record Target(String simpleName, ClassName superclass, ClassName superinterface, Set<String> overriding,
                  String fileComment, Element originatingElement) {}

    static JavaFile adapt(JavaFile generated, Target target) {
        TypeSpec old = generated.typeSpec();
        TypeSpec.Builder type = TypeSpec.classBuilder(target.simpleName())
                .addModifiers(old.modifiers().toArray(Modifier[]::new))
                .addJavadoc(old.javadoc());
        type.addAnnotations(old.annotations());
        if (target.superclass() != null) {
            type.superclass(target.superclass());
        }
        type.addSuperinterfaces(old.superinterfaces());
        if (target.superinterface() != null) {
            type.addSuperinterface(target.superinterface());
        }
        type.addFields(old.fieldSpecs());
        if (!old.staticBlock().isEmpty()) {
            type.addStaticBlock(old.staticBlock());
        }
        if (!old.initializerBlock().isEmpty()) {
            type.addInitializerBlock(old.initializerBlock());
        }
        for (MethodSpec method : old.methodSpecs()) {
            boolean overrides = !method.isConstructor() && method.modifiers().contains(Modifier.PUBLIC)
                    && target.overriding().contains(signature(method));
            type.addMethod(overrides ? method.toBuilder().addAnnotation(Override.class).build() : method);
        }
        type.addTypes(old.typeSpecs());
        if (target.originatingElement() != null) {
            type.addOriginatingElement(target.originatingElement());
        }
        return JavaFile.builder(generated.packageName(), type.build())
                .addFileComment("$L", target.fileComment())
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    /** The public methods of a generated class, constructors left out. */
    static List<MethodSpec> publicMethods(JavaFile generated) {
        return generated.typeSpec().methodSpecs().stream()
                .filter(m -> !m.isConstructor() && m.modifiers().contains(Modifier.PUBLIC))
                .toList();
    }

    /** A method's name and erased parameter types, as {@code value(double[],double)}. */
    static String signature(MethodSpec method) {
        return method.name() + method.parameters().stream().map(p -> p.type().toString())
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** A method as a user reads it: {@code double value(double[] X, double b)}. */
    static String describe(MethodSpec method) {
        return returnType(method) + " " + method.name() + method.parameters().stream()
                .map(ClassAdapter::describe).collect(Collectors.joining(", ", "(", ")"));
    }

    static String returnType(MethodSpec method) {
        TypeName returnType = method.returnType();
        return returnType == null ? "void" : returnType.toString();
    }

    private static String describe(ParameterSpec parameter) {
        return parameter.type() + " " + parameter.name();
    }
}
