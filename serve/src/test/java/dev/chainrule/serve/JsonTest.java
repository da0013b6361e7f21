package dev.chainrule.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatItWrites() {
        Map<String, Object> value = Json.object("text", "a \"quoted\" line\nand a tab\t, ∂f/∂x", "n", 3.5,
                "list", List.of(1.0, -2.0e-3, "x"), "yes", true, "no", false, "none", null,
                "nested", Json.object("k", List.of()));
        assertEquals(value, Json.parse(Json.write(value)));
    }

    @Test
    void writesNonFiniteNumbersAsTheInterpreterDoes() {
        assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",1.0]",
                Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0)));
    }

    @Test
    void escapesWhatCouldEndAScriptElement() {
        String written = Json.write("</script><script>");
        assertTrue(!written.contains("<"), written);
        assertEquals("</script><script>", Json.parse(written));
    }

    @Test
    void refusesMalformedInputSayingWhere() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "{\"a\":1,\"a\":2}", "01", "\"\\x\"", "tru",
                "{\"a\":1} x", "\"unterminated")) {
            Json.MalformedException e = assertThrows(Json.MalformedException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed JSON at offset "), e.getMessage());
        }
    }

    @Test
    void refusesDeepNestingWithoutRecursingFar() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        Json.MalformedException e = assertThrows(Json.MalformedException.class, () -> Json.parse(new String(open)));
        assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), e.getMessage());
    }
}
