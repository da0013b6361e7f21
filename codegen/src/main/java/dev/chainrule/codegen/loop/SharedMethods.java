package dev.chainrule.codegen.loop;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Private static methods that bodies of several public methods may call: each distinct one written
 * once, under one name, as a person would factor out code they needed twice.
 */
final class SharedMethods {
    /** What a method is made of, apart from its name: its Javadoc, signature and code. */
    interface Writer {
        MethodSpec named(String name);
    }

    private final UnaryOperator<String> freshName;
    private final Map<String, String> names = new HashMap<>();
    private final List<MethodSpec> methods = new ArrayList<>();

    /** @param freshName a method name no method of the class has yet, from the one proposed */
    SharedMethods(UnaryOperator<String> freshName) {
        this.freshName = freshName;
    }

    /**
     * The name of the method {@code writer} writes: that of an equal method written before (the
     * same text under another name), else a fresh name from {@code proposed}, the method then written.
     */
    String name(String proposed, Writer writer) {
        String text = writer.named("method").toString();
        String name = names.get(text);
        if (name == null) {
            name = freshName.apply(proposed);
            names.put(text, name);
            methods.add(writer.named(name));
        }
        return name;
    }

    List<MethodSpec> methods() {
        return List.copyOf(methods);
    }
}
