package dev.chainrule.codegen;

import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Span;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * The rules a file's names must follow to become the names of Java classes: its package as
 * written, and each function's class. These names are the generated code's API, so a name that
 * cannot be one is reported, with its place, rather than changed. The other names a user chooses
 * (parameters, dimensions, local definitions) need no rule: {@link ClassPlan} makes each a Java
 * name of its own, escaped where it must be ({@code Math_}, {@code goto_}).
 */
public final class JavaNames {
    private JavaNames() {}

    /** Every problem with the names of a file's classes, each at its place; empty if there is none. */
    public static List<Diagnostic> check(TypedFile file) {
        List<Diagnostic> problems = checkPackage(file);
        for (TypedFunction function : file.functions()) {
            problems.addAll(checkClass(file, function));
        }
        return problems;
    }

    /** The problems with the package and with the class of one function of the file. */
    static List<Diagnostic> check(TypedFile file, TypedFunction function) {
        List<Diagnostic> problems = checkPackage(file);
        problems.addAll(checkClass(file, function));
        return problems;
    }

    /**
     * Whether a simple class name is also a public type of {@code java.lang} on this JDK: a class
     * of that name hides it from every class of its package ({@code Math} hides {@code Math.exp}).
     */
    public static boolean hidesJavaLang(String simpleName) {
        if (!SourceVersion.isIdentifier(simpleName)) {
            return false;
        }
        try {
            Class<?> type = Class.forName("java.lang." + simpleName, false, ClassLoader.getPlatformClassLoader());
            return java.lang.reflect.Modifier.isPublic(type.getModifiers()) && type.getEnclosingClass() == null;
        } catch (ClassNotFoundException | LinkageError none) {
            return false;
        }
    }

    private static List<Diagnostic> checkPackage(TypedFile file) {
        List<Diagnostic> problems = new ArrayList<>();
        if (file.packageName().isEmpty()) {
            return problems;
        }
        String[] parts = file.packageName().split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            Span span = i < file.packageSpans().size() ? file.packageSpans().get(i) : Span.UNKNOWN;
            String problem;
            if (SourceVersion.isKeyword(part)) {
                problem = "'" + part + "' is reserved in Java, so it cannot be part of a package name";
            } else if (!SourceVersion.isIdentifier(part)) {
                problem = notAJavaName(part) + ", so it cannot be part of a package name";
            } else if (i == 0 && part.equals("java")) {
                problem = "packages in java. are the JDK's own: Java does not load a class of yours there";
            } else {
                continue;
            }
            problems.add(new Diagnostic(file.source(), span, problem));
        }
        return problems;
    }

    /** Problems with a function's class name, and with it and the class of any function before it. */
    private static List<Diagnostic> checkClass(TypedFile file, TypedFunction function) {
        List<Diagnostic> problems = new ArrayList<>();
        String name = function.name();
        String className = ClassPlan.className(name);
        String problem = null;
        if (className.isEmpty()) {
            problem = "function '" + name + "' has no Java class name: its class is named after it without "
                    + "underscores (two_layer is TwoLayer); give it a name with a letter";
        } else if (!SourceVersion.isIdentifier(className)) {
            problem = Character.isDigit(className.codePointAt(0))
                    ? "function '" + name + "' would be the class " + className
                    + ", but a Java name cannot start with a digit: rename the function"
                    : "function '" + name + "' cannot be a Java class: " + notAJavaName(className);
        } else if (hidesJavaLang(className)) {
            problem = "function '" + name + "' would be the class " + className + ", which hides java.lang."
                    + className + " from the classes of its package: rename the function";
        } else {
            Map<String, TypedFunction> earlier = new HashMap<>();
            for (TypedFunction other : file.functions()) {
                if (other == function) {
                    break;
                }
                earlier.putIfAbsent(ClassPlan.className(other.name()).toLowerCase(Locale.ROOT), other);
            }
            TypedFunction clash = earlier.get(className.toLowerCase(Locale.ROOT));
            if (clash != null) {
                String other = ClassPlan.className(clash.name());
                problem = other.equals(className)
                        ? "function '" + name + "' would be the class " + className + ", as would '" + clash.name()
                        + "' (line " + clash.span().line() + "): rename one of them"
                        : "function '" + name + "' would be the class " + className + " and '" + clash.name()
                        + "' (line " + clash.span().line() + ") the class " + other + ": file systems that ignore "
                        + "case (macOS, Windows) cannot hold both; rename one of them";
            }
        }
        if (problem != null) {
            problems.add(new Diagnostic(file.source(), function.span(), problem));
        }
        return problems;
    }

    /** "Java does not accept 'ࡰ' (U+0870) in names", for the first character of a name it does not accept. */
    private static String notAJavaName(String name) {
        int first = name.codePointAt(0);
        int bad = Character.isJavaIdentifierStart(first) ? name.codePoints().skip(1)
                .filter(c -> !Character.isJavaIdentifierPart(c)).findFirst().orElse(first) : first;
        return "Java does not accept '" + new String(Character.toChars(bad)) + "' ("
                + String.format(Locale.ROOT, "U+%04X", bad) + ") in names";
    }
}
