package dev.chainrule.benchmarks.pipeline;

import dev.chainrule.benchmarks.engines.Interpreted;
import dev.chainrule.codegen.CodeGenerator;
import dev.chainrule.syntax.CalcSyntax;
import dev.chainrule.syntax.Source;
import dev.chainrule.typing.TypeChecker;
import dev.chainrule.typing.TypedFile;
import dev.chainrule.typing.TypedFunction;

/** chainrule's whole pipeline on one function of a {@code .calc} text: what the pipeline benchmarks time. */
public final class Pipeline {
    private final Source source;
    private final String function;

    private Pipeline(Source source, String function) {
        this.source = source;
        this.function = function;
    }

    /** A function of one of the examples' {@code .calc} files. */
    public static Pipeline forExample(String calcFile, String function) {
        return new Pipeline(new Source(calcFile, Interpreted.calcSource(calcFile)), function);
    }

    /**
     * {@code sum(tanh(W*tanh(W*…tanh(W*x))))} with {@code layers} layers sharing one W, with its
     * gradient with respect to W: the function grows linearly with the depth, and so should the
     * work of a pipeline whose derivatives are reverse mode on a shared graph.
     */
    public static Pipeline chain(int layers) {
        StringBuilder text = new StringBuilder("package bench.chain;\n\n")
                .append("function chain(W: matrix[n, n], x: vector[n]) =\n")
                .append("    h1 = tanh(W*x);\n");
        for (int i = 2; i <= layers; i++) {
            text.append("    h").append(i).append(" = tanh(W*h").append(i - 1).append(");\n");
        }
        text.append("    sum(h").append(layers).append(")\n    gradient wrt W;\n");
        return new Pipeline(new Source("chain" + layers + ".calc", text.toString()), "chain");
    }

    /** The {@code .calc} text. */
    public String calcText() {
        return source.text();
    }

    /** Runs the pipeline: parse, check, derive, simplify, generate; the generated class's source. */
    public String javaSource() {
        TypedFile file = TypeChecker.file(CalcSyntax.parseFile(source));
        TypedFunction target = file.functions().stream().filter(f -> f.name().equals(function)).findFirst()
                .orElseThrow(() -> new IllegalStateException(source.name() + " has no function " + function));
        return CodeGenerator.generate(file, target).toString();
    }
}
