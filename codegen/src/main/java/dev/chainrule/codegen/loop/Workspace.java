package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import dev.chainrule.shape.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the temporaries of a generated class: locals and workspace arrays, each named by its role
 * (the naming pass gives them their Java names once every method is in). The calls of one
 * instance never overlap, so a local definition's array and the split methods' slots are one per
 * class, shared by every method.
 */
final class Workspace {
    private final Map<String, Array> userArrays = new HashMap<>();
    private Name carried;
    private int serial;

    private Name.Temp temp(String role, boolean userNamed) {
        return new Name.Temp(role, ++serial, userNamed);
    }

    /** A scalar local holding what its role says. */
    Name local(String role) {
        return temp(role, false);
    }

    /** A scalar local holding the value of the user's local definition of that name. */
    Name userLocal(String name) {
        return temp(name, true);
    }

    Array temporary(String role, Shape shape) {
        return new Array(temp(role, false), shape.rows(), shape.cols(), Array.Role.TEMPORARY);
    }

    /** The array holding the value of the user's local definition of that name: one per class. */
    Array userArray(String name, Shape shape) {
        return userArrays.computeIfAbsent(name,
                n -> new Array(temp(n, true), shape.rows(), shape.cols(), Array.Role.TEMPORARY));
    }

    /** Slots through which the parts of a split method hand scalars on: one array for the class. */
    Array carried(Dim slots) {
        if (carried == null) {
            carried = temp("carried", false);
        }
        return new Array(carried, slots, Dim.ONE, Array.Role.CARRIED);
    }

    /** An {@code int[]} of n pivot positions, for an LU factorisation. */
    Array pivots(Dim n) {
        return new Array(temp("pivots", false), n, Dim.ONE, Array.Role.PIVOTS);
    }
}
