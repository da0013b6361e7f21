package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The temporaries of a generated class, sized once when an instance is made, and the names of
 * generated locals, unique across the class so that fused loop bodies cannot clash.
 */
final class Workspace {
    private final List<Array> arrays = new ArrayList<>();
    private final UnaryOperator<String> fresh;
    private int serial;
    private int names;
    private int temporaries;
    private int pivots;

    /** @param fresh makes a new name, unused so far in the class, from a suggestion */
    Workspace(UnaryOperator<String> fresh) {
        this.fresh = fresh;
    }

    private Name.Temp temp(String role, boolean userNamed) {
        return new Name.Temp(role, ++serial, userNamed);
    }

    Array temporary(Shape shape) {
        return add(new Array(temp(fresh.apply("w" + ++temporaries), false), shape.rows(), shape.cols(),
                Array.Role.TEMPORARY));
    }

    /** A temporary named after the local definition whose value it holds. */
    Array temporary(Shape shape, String preferred) {
        return add(new Array(temp(fresh.apply(preferred), true), shape.rows(), shape.cols(), Array.Role.TEMPORARY));
    }

    /** A local named after a local definition (made unique in the class). */
    Name named(String preferred) {
        return temp(fresh.apply(preferred), true);
    }

    /** Slots through which the parts of a split method hand scalars on. */
    Array carried(Dim slots) {
        return add(new Array(temp(fresh.apply("carried"), false), slots, Dim.ONE, Array.Role.CARRIED));
    }

    /** An {@code int[]} of n pivot positions, for an LU factorisation. */
    Array pivots(Dim n) {
        return add(new Array(temp(fresh.apply("pivots" + ++pivots), false), n, Dim.ONE, Array.Role.PIVOTS));
    }

    Name local(String prefix) {
        return temp(fresh.apply(prefix + ++names), false);
    }

    /** Every array made so far, in order. */
    List<Array> arrays() {
        return List.copyOf(arrays);
    }

    private Array add(Array array) {
        arrays.add(array);
        return array;
    }
}
