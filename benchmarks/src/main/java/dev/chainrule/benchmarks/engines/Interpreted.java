package dev.chainrule.benchmarks.engines;

import dev.chainrule.benchmarks.models.Model;
import dev.chainrule.derive.DerivedFunction;
import dev.chainrule.graph.Expr;
import dev.chainrule.interpret.Interpreter;
import dev.chainrule.interpret.Value;
import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import dev.chainrule.syntax.CalcFile;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * chainrule's reference interpreter on a model: the value and gradient (or Hessian) formulas are derived and
 * simplified once, as the code generator does, and every run evaluates each of them on the inputs.
 * The interpreter evaluates each formula on its own, so work the value and gradient share is
 * done again for each; that is its design (a straightforward oracle), not an accident of the suite.
 */
public final class Interpreted {
    private final Expr value;
    private final List<Map.Entry<String, Expr>> gradientFormulas;
    private final Map<String, Value> inputs = new LinkedHashMap<>();
    private final Map<String, double[]> gradients = new LinkedHashMap<>();

    private Interpreted(Model model, TypedFunction function) {
        DerivedFunction derived = DerivedFunction.of(function);
        this.value = derived.body();
        this.gradientFormulas = model.derivative() == Model.Derivative.HESSIAN
                ? derived.derivatives().stream()
                        .filter(d -> d.kind() == CalcFile.DerivativeRequest.Kind.HESSIAN
                                && d.wrt().name().equals(model.wrt().get(0)))
                        .map(d -> Map.entry(d.wrt().name(), d.value()))
                        .toList()
                : derived.gradients().entrySet().stream()
                        .map(e -> Map.entry(e.getKey().name(), e.getValue()))
                        .toList();
        if (gradientFormulas.size() != model.wrt().size()) {
            throw new IllegalStateException(model.calcFile() + ": " + model.function() + " has no "
                    + model.derivative() + " with respect to " + model.wrt());
        }
        for (Expr.Variable parameter : function.params()) {
            double[] data = model.arguments().get(parameter.name());
            inputs.put(parameter.name(), toValue(parameter.shape(), data, model.dimensions()));
        }
        for (String name : model.wrt()) {
            int n = model.arguments().get(name).length;
            gradients.put(name, new double[model.derivative() == Model.Derivative.HESSIAN ? n * n : n]);
        }
    }

    /** The interpreter set up for a model, its formulas read from the model's {@code .calc} source. */
    public static Interpreted of(Model model) {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(new Source(model.calcFile(), calcSource(model.calcFile()))));
        TypedFunction function = file.functions().stream().filter(f -> f.name().equals(model.function()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(model.calcFile() + " has no function " + model.function()));
        return new Interpreted(model, function);
    }

    /** The text of one of the examples' {@code .calc} files, which the build copies into the classpath. */
    public static String calcSource(String fileName) {
        try (InputStream in = Interpreted.class.getResourceAsStream("/calculus/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("no calculus/" + fileName + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, double[]> gradients() {
        return gradients;
    }

    /** The value, with the gradient written into {@link #gradients()}. */
    public double run() {
        double result = Interpreter.evaluate(value, inputs).asScalar();
        for (Map.Entry<String, Expr> formula : gradientFormulas) {
            Value gradient = Interpreter.evaluate(formula.getValue(), inputs);
            double[] out = gradients.get(formula.getKey());
            for (int i = 0; i < out.length; i++) {
                out[i] = gradient.get(i);
            }
        }
        return result;
    }

    private static Value toValue(Shape shape, double[] data, Map<String, Integer> dimensions) {
        return switch (shape.kind()) {
            case SCALAR -> Value.scalar(data[0]);
            case VECTOR -> Value.vector(data);
            case ROW -> Value.row(data);
            case MATRIX -> Value.matrix(size(shape.rows(), dimensions), size(shape.cols(), dimensions), data);
        };
    }

    private static int size(Dim dim, Map<String, Integer> dimensions) {
        return dim instanceof Dim.Fixed fixed ? fixed.size() : dimensions.get(((Dim.Symbol) dim).name());
    }
}
