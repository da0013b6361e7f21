package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code precision float;}: the file's number type, after its package and before its functions. */
class PrecisionDeclarationTest {
    private static CalcFile parse(String text) {
        return CalcSyntax.parseFile(new Source("model.calc", text));
    }

    private static List<Diagnostic> errors(String text) {
        return assertThrows(CalcException.class, () -> parse(text)).diagnostics();
    }

    @Test
    void aFileWithoutADeclarationLeavesThePrecisionToTheTool() {
        assertEquals(Optional.empty(), parse("function f(x: scalar) = x;").precision());
    }

    @Test
    void floatAndDoubleAreDeclared() {
        assertEquals(Optional.of(Precision.FLOAT), parse("package p; precision float; function f(x: scalar) = x;").precision());
        assertEquals(Optional.of(Precision.DOUBLE), parse("precision double;\nfunction f(x: scalar) = x;").precision());
    }

    @Test
    void anUnknownPrecisionIsReportedWhereItIsWrittenWithTheChoices() {
        List<Diagnostic> diagnostics = errors("package p;\nprecision half;\nfunction f(x: scalar) = x;");
        assertEquals(1, diagnostics.size());
        assertEquals("""
                model.calc:2:11: unknown precision 'half', expected 'double' or 'float'
                    precision half;
                              ^~~~""", diagnostics.get(0).render());
    }

    @Test
    void theDeclarationComesBeforeTheFunctionsAndOnlyOnce() {
        assertEquals("model.calc:1:28: unexpected 'precision', expected 'function' or end of input",
                errors("function f(x: scalar) = x; precision float;").get(0).headline());
        assertEquals("model.calc:1:18: unexpected 'precision', expected 'function' or end of input",
                errors("precision float; precision double;").get(0).headline());
    }

    @Test
    void aPrecisionNeedsAWordAndASemicolon() {
        assertEquals("model.calc:1:11: unexpected ';', expected a name",
                errors("precision ;").get(0).headline());
    }

    @Test
    void theWordsAreThePrecisionsKeywords() {
        assertEquals(Optional.of(Precision.FLOAT), Precision.named("float"));
        assertEquals(Optional.empty(), Precision.named("Float"));
        assertEquals("'double' or 'float'", Precision.choices());
    }
}
