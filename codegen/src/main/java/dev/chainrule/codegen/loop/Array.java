package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;

/**
 * A row-major array of {@code rows × cols} entries: a parameter, an output the caller passes, a
 * temporary in the instance's workspace, the slots through which the parts of a split method hand
 * scalars on (never turned into locals), or the {@code int[]} pivots of an LU factorisation.
 */
record Array(Name name, Dim rows, Dim cols, Role role) {
    enum Role { PARAMETER, OUTPUT, TEMPORARY, CARRIED, PIVOTS }

    /** A single row or column, indexed by one position. */
    boolean isVector() {
        return cols.equals(Dim.ONE) || rows.equals(Dim.ONE);
    }

    Array named(Name newName) {
        return new Array(newName, rows, cols, role);
    }
}
