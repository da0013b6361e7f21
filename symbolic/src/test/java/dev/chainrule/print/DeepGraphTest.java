package dev.chainrule.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.graph.Expr;
import dev.chainrule.graph.Fn;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** No format recurses on the graph: deep chains print on a small stack, in time linear in their size. */
class DeepGraphTest {
    private static final int DEPTH = 20_000;
    private static final Expr X = Expr.variable("x", Shape.vector(Dim.of("n")));

    /** tanh(tanh(... + x) + x)..., 20,000 operators deep. */
    private static Expr chain() {
        Expr e = X;
        for (int i = 0; i < DEPTH; i++) {
            e = i % 2 == 0 ? Expr.apply(Fn.TANH, e) : Expr.add(e, X);
        }
        return e;
    }

    /** Runs on a thread with a 256 KB stack, where recursion 20,000 deep would overflow. */
    private static String onSmallStack(Expr e, Format format) {
        String[] result = new String[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = Printer.print(e, format);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            throw new AssertionError(interrupted);
        }
        if (failure[0] != null) {
            throw new AssertionError(format + " failed on a deep graph", failure[0]);
        }
        return result[0];
    }

    @Test
    void jsonOfADeepChain() {
        Expr e = chain();
        String json = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onSmallStack(e, Format.JSON));
        assertTrue(json.startsWith("{\"root\":" + DEPTH + ",\"nodes\":[{\"id\":0,\"op\":\"variable\""), json.substring(0, 80));
        assertTrue(json.endsWith("{\"id\":" + DEPTH + ",\"op\":\"add\",\"shape\":\"vector[n]\",\"args\":["
                + (DEPTH - 1) + ",0]}]}"));
    }

    @Test
    void treeFormatsOfADeepChain() {
        Expr e = chain();
        String text = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onSmallStack(e, Format.TEXT));
        assertEquals(DEPTH / 2, text.split("tanh\\(", -1).length - 1);
        assertTrue(text.startsWith("tanh(tanh(tanh("));
        assertTrue(text.contains("(tanh(tanh(x) + x) + x)"));
        assertTrue(text.endsWith(") + x) + x"), text.substring(text.length() - 40));
        String ascii = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onSmallStack(e, Format.ASCII));
        assertEquals(text, ascii);
        String latex = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onSmallStack(e, Format.LATEX));
        assertTrue(latex.startsWith("\\tanh(\\tanh("));
    }

    @Test
    void deepNestingOfParentheses() {
        Expr e = X;
        for (int i = 0; i < DEPTH; i++) {
            e = Expr.hadamard(X, Expr.add(e, X));
        }
        Expr deep = e;
        String ascii = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onSmallStack(deep, Format.ASCII));
        assertTrue(ascii.startsWith("x .* (x .* (x .* ("));
        assertEquals(DEPTH, ascii.chars().filter(c -> c == '(').count());
    }

    /** A graph whose tree has 2⁶⁰ leaves cannot be written as a tree; JSON writes its 61 nodes. */
    @Test
    void aTreeTooLargeToWriteIsAnErrorNotAHang() {
        Expr e = X;
        for (int i = 0; i < 60; i++) {
            e = Expr.add(e, e);
        }
        Expr shared = e;
        for (Format format : new Format[] {Format.TEXT, Format.LATEX, Format.ASCII}) {
            IllegalStateException error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IllegalStateException.class, () -> Printer.print(shared, format)));
            assertTrue(error.getMessage().contains("JSON"), error.getMessage());
        }
        assertTrue(Printer.print(shared, Format.JSON).length() < 10_000);
    }
}
