package dev.chainrule.testing;

import dev.chainrule.testing.property.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;

/** The arguments of {@link RandomArrays}. */
public final class RandomArraysProvider implements ArgumentsProvider, AnnotationConsumer<RandomArrays> {
    private RandomArrays annotation;

    @Override
    public void accept(RandomArrays annotation) {
        this.annotation = annotation;
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        Map<String, Integer> dims = dims(annotation.dims());
        List<ArrayGen.Shape> shapes = new ArrayList<>();
        for (String text : annotation.value()) {
            shapes.add(ArrayGen.Shape.parse(text, dims));
        }
        if (!(annotation.min() < annotation.max())) {
            throw new IllegalArgumentException("@RandomArrays needs min < max, not [" + annotation.min() + ", "
                    + annotation.max() + ")");
        }
        long seed = annotation.seed() == RandomArrays.RUN_SEED ? Settings.seed(null) : annotation.seed();
        String method = context.getRequiredTestClass().getSimpleName() + "."
                + context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?");
        System.out.println("@RandomArrays " + method + ": " + annotation.count() + " sets, seed " + seed);
        Random random = new Random(seed);
        List<Arguments> sets = new ArrayList<>();
        for (int i = 0; i < annotation.count(); i++) {
            Object[] arguments = new Object[shapes.size()];
            for (int p = 0; p < shapes.size(); p++) {
                ArrayGen.Shape shape = shapes.get(p);
                double[] data = ArrayGen.array(random, shape, annotation.min(), annotation.max(), annotation.matrices());
                arguments[p] = shape.kind() == Variables.Variable.Kind.SCALAR ? (Object) data[0] : data;
            }
            sets.add(Arguments.of(arguments));
        }
        return IntStream.range(0, sets.size()).mapToObj(sets::get);
    }

    static Map<String, Integer> dims(String text) {
        Map<String, Integer> dims = new LinkedHashMap<>();
        if (text.isBlank()) {
            return dims;
        }
        for (String part : text.split("[,;]")) {
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("@RandomArrays dims: write name=size, as in \"n=3, m=2\", not '"
                        + part.trim() + "'");
            }
            try {
                dims.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("@RandomArrays dims: " + kv[1].trim() + " is not a whole number", e);
            }
        }
        return dims;
    }
}
