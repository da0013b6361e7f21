package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.syntax.CalcException;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A package or function name that cannot be a Java name is reported at its place, never generated. */
class JavaNamesTest {
    private static TypedFile file(String text) {
        return TypeChecker.file(CalcSyntax.parseFile(new Source("names.calc", text)));
    }

    private static List<String> problems(String text) {
        return JavaNames.check(file(text)).stream().map(Diagnostic::headline).toList();
    }

    @Test
    void aKeywordInThePackageIsReportedAtThatPart() {
        assertEquals(List.of("names.calc:1:14: 'goto' is reserved in Java, so it cannot be part of a package name"),
                problems("package fz . goto;\nfunction f(a: scalar) = a;"));
        assertEquals(List.of("names.calc:1:9: '_' is reserved in Java, so it cannot be part of a package name",
                        "names.calc:1:11: 'null' is reserved in Java, so it cannot be part of a package name"),
                problems("package _.null;\nfunction f(a: scalar) = a;"));
    }

    @Test
    void aLetterJavaDoesNotAcceptOrAPackageOfTheJdkIsReported() {
        assertEquals(List.of("names.calc:1:11: Java does not accept '\u0870' (U+0870) in names, so it cannot be "
                        + "part of a package name"),
                problems("package a.b\u0870;\nfunction f(a: scalar) = a;"));
        assertEquals(List.of("names.calc:1:9: packages in java. are the JDK's own: Java does not load a class of "
                + "yours there"), problems("package java.models;\nfunction f(a: scalar) = a;"));
    }

    @Test
    void aFunctionWhoseClassWouldHaveNoNameOrAnInvalidOneIsReportedAtItsName() {
        assertEquals(List.of("names.calc:1:10: function '_' has no Java class name: its class is named after it "
                + "without underscores (two_layer is TwoLayer); give it a name with a letter"),
                problems("function _(a: scalar) = a;"));
        assertEquals(List.of("names.calc:1:10: function '\u0870' cannot be a Java class: Java does not accept "
                + "'\u0870' (U+0870) in names"), problems("function \u0870(a: scalar) = a;"));
        assertEquals(List.of("names.calc:1:10: function 'f\u0870' cannot be a Java class: Java does not accept "
                + "'\u0870' (U+0870) in names"), problems("function f\u0870(a: scalar) = a;"));
        assertEquals(List.of("names.calc:1:10: function '_2d' would be the class 2d, but a Java name cannot start "
                + "with a digit: rename the function"), problems("function _2d(a: scalar) = a;"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"math", "string", "illegal_argument_exception", "double", "object", "override", "system"})
    void aFunctionWhoseClassWouldHideAJavaLangTypeIsReported(String name) {
        String className = ClassPlan.className(name);
        assertEquals(List.of("names.calc:1:10: function '" + name + "' would be the class " + className
                        + ", which hides java.lang." + className + " from the classes of its package: rename the function"),
                problems("function " + name + "(a: scalar) = a;"));
    }

    @Test
    void javaLangTypesAreThoseOfTheRunningJdk() {
        assertTrue(JavaNames.hidesJavaLang("Math"));
        assertTrue(JavaNames.hidesJavaLang("Record"));
        assertFalse(JavaNames.hidesJavaLang("TwoLayer"));
        assertFalse(JavaNames.hidesJavaLang("StringUTF16"), "not public");
        assertFalse(JavaNames.hidesJavaLang("UnicodeBlock"), "nested, in Character");
        assertFalse(JavaNames.hidesJavaLang("not a name"));
    }

    @Test
    void twoFunctionsOfOneClassNameEvenApartFromCaseAreReportedAtTheSecond() {
        assertEquals(List.of("names.calc:2:10: function 'twoLayer' would be the class TwoLayer, as would "
                        + "'two_layer' (line 1): rename one of them",
                "names.calc:4:10: function 'a_b' would be the class AB and 'ab' (line 3) the class Ab: file systems "
                        + "that ignore case (macOS, Windows) cannot hold both; rename one of them"),
                problems("""
                        function two_layer(a: scalar) = a;
                        function twoLayer(a: scalar) = a;
                        function ab(a: scalar) = a;
                        function a_b(a: scalar) = a;
                        """));
    }

    @Test
    void generationRefusesTheFileWithEveryProblem() {
        CalcException e = assertThrows(CalcException.class, () -> CodeGenerator.generate(
                file("package fz.goto;\nfunction math(a: scalar) = exp(a);\nfunction f(a: scalar) = a;")));
        assertEquals(2, e.diagnostics().size(), e.getMessage());
        TypedFile oneBad = file("package p;\nfunction f(a: scalar) = a;\nfunction math(a: scalar) = a;");
        assertEquals("F", CodeGenerator.generate(oneBad, oneBad.functions().get(0)).typeSpec().name());
        assertThrows(CalcException.class, () -> CodeGenerator.generate(oneBad, oneBad.functions().get(1)));
    }

    @Test
    void namesJavaAcceptsPassAndCompile() {
        TypedFile good = file("""
                package models.v2.ünïcode;
                function two_layer(a: scalar) = a;
                function λ_max(a: scalar) = a;
                function 𝑓(a: scalar) = a;
                """);
        assertEquals(List.of(), JavaNames.check(good));
        assertEquals(3, InMemoryCompiler.compile(CodeGenerator.generate(good)).size());
    }
}
