package dev.chainrule.codegen.loop;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
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
    /** The parameter types of each method written, by name: a name may be overloaded. */
    private final Map<String, List<List<TypeName>>> signatures = new HashMap<>();

    /** @param freshName a method name no method of the class has yet, from the one proposed */
    SharedMethods(UnaryOperator<String> freshName) {
        this.freshName = freshName;
    }

    /**
     * The name of the method {@code writer} writes: that of an equal method written before (the
     * same text under another name), else {@code proposed} where it overloads methods of that
     * name written before (they take other types), else a fresh name from it; the method then
     * written.
     */
    String name(String proposed, Writer writer) {
        MethodSpec unnamed = writer.named("method");
        String text = unnamed.toString();
        String name = names.get(text);
        if (name == null) {
            List<TypeName> types = unnamed.parameters().stream().map(p -> p.type()).toList();
            List<List<TypeName>> overloads = signatures.get(proposed);
            name = overloads != null && !overloads.contains(types) ? proposed : freshName.apply(proposed);
            names.put(text, name);
            signatures.computeIfAbsent(name, k -> new ArrayList<>()).add(types);
            methods.add(writer.named(name));
        }
        return name;
    }

    List<MethodSpec> methods() {
        return List.copyOf(methods);
    }
}
