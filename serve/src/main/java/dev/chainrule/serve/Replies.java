package dev.chainrule.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON: what an analysis and a list of problems look like, and how a numbers request reads. */
final class Replies {
    private Replies() {}

    /** The reply to {@code /api/analyze}. */
    static Map<String, Object> analysis(Input input, List<Pipeline.Function> functions) {
        List<Object> list = new ArrayList<>();
        for (Pipeline.Function f : functions) {
            List<Object> params = new ArrayList<>();
            for (Pipeline.Param p : f.params()) {
                params.add(Json.object("name", p.name(), "shape", p.shape(), "rows", p.rows(), "cols", p.cols()));
            }
            List<Object> derivatives = new ArrayList<>();
            for (Pipeline.Derivative d : f.derivatives()) {
                derivatives.add(Json.object("id", d.id(), "kind", d.kind(), "wrt", d.wrt(), "label", typeset(d.label()),
                        "value", typeset(d.value()), "shape", d.shape(), "convention", d.convention(),
                        "inClass", d.inClass()));
            }
            list.add(Json.object("name", f.name(), "label", typeset(f.label()), "className", f.className(),
                    "parameters", params, "dimensions", f.dimensions(), "shape", f.resultShape(),
                    "restated", typeset(f.restated()), "derivatives", derivatives, "calc", f.calc(),
                    "java", f.java(), "javaProblem", f.javaProblem()));
        }
        return Json.object("ok", true, "mode", input.mode().name().toLowerCase(java.util.Locale.ROOT),
                "functions", list);
    }

    private static Object typeset(Pipeline.Typeset t) {
        return Json.object("latex", t.latex(), "text", t.text());
    }

    /** The reply for bad input (HTTP 422): every problem at its place. */
    static Map<String, Object> problems(List<Problem> problems) {
        List<Object> list = new ArrayList<>();
        problems.forEach(p -> list.add(p.toJson()));
        return Json.object("ok", false, "problems", list);
    }

    /**
     * The numbers part of an evaluate request: {@code "dimensions": {"n": 3}}, and
     * {@code "seed": 42} for random values or {@code "values": {"x": "[1, 2, 3]"}} for typed ones.
     */
    static Numbers.Request numbersRequest(Map<String, Object> request) {
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        Json.members(request.get("dimensions"), "\"dimensions\"").forEach((name, value) -> {
            if (!(value instanceof Double d) || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new Problem.InputError(new Problem("dimension:" + name, 1, 1, 1, name + " must be a whole number"));
            }
            dimensions.put(name, d.intValue());
        });
        Long seed = null;
        Object s = request.get("seed");
        if (s != null) {
            if (!(s instanceof Double d) || d != Math.rint(d) || Math.abs(d) > 9.007199254740991E15) {
                throw new Problem.InputError(new Problem("seed", 1, 1, 1, "the seed must be a whole number"));
            }
            seed = d.longValue();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Json.members(request.get("values"), "\"values\"").forEach((name, value) -> {
            if (!(value instanceof String text)) {
                throw new Json.MalformedException("each value must be a string of JSON, as \"[1, 2]\"");
            }
            values.put(name, text);
        });
        return new Numbers.Request(dimensions, seed, values);
    }
}
