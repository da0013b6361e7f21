package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The temporaries of a generated class, sized once when an instance is made, and the names of
 * generated locals, unique across the class so that fused loop bodies cannot clash.
 */
public final class Workspace {
    private final List<Array> temporaries = new ArrayList<>();
    private final Map<String, Dim> pivots = new LinkedHashMap<>();
    private final java.util.function.UnaryOperator<String> fresh;
    private final java.util.Set<String> named = new java.util.HashSet<>();
    private int names;
    private int arrays;

    /** @param fresh makes a new name, unused so far in the class, from a suggestion */
    public Workspace(java.util.function.UnaryOperator<String> fresh) {
        this.fresh = fresh;
    }

    public Array temporary(Shape shape) {
        Array array = new Array(fresh.apply("w" + ++arrays), shape.rows(), shape.cols(),
                Array.Role.TEMPORARY);
        temporaries.add(array);
        return array;
    }

    /** A temporary named after the local definition whose value it holds. */
    public Array temporary(Shape shape, String preferred) {
        Array array = new Array(fresh.apply(preferred), shape.rows(), shape.cols(), Array.Role.TEMPORARY);
        temporaries.add(array);
        named.add(array.name());
        return array;
    }

    /** Temporaries named after the user's local definitions (a live view). */
    public java.util.Set<String> namedTemporaries() {
        return java.util.Collections.unmodifiableSet(named);
    }

    /** A local named after a local definition (made unique in the class). */
    public String named(String preferred) {
        return fresh.apply(preferred);
    }

    /** Slots through which the parts of a split method hand scalars on. */
    public Array carried(Dim slots) {
        Array array = new Array(fresh.apply("carried"), slots, Dim.ONE, Array.Role.CARRIED);
        temporaries.add(array);
        return array;
    }

    /** An {@code int[]} of n pivot positions, for an LU factorisation. */
    public String pivots(Dim n) {
        String name = fresh.apply("pivots" + (pivots.size() + 1));
        pivots.put(name, n);
        return name;
    }

    public String local(String prefix) {
        return fresh.apply(prefix + ++names);
    }

    public List<Array> temporaries() {
        return List.copyOf(temporaries);
    }

    public Map<String, Dim> pivotArrays() {
        return Map.copyOf(pivots);
    }
}
