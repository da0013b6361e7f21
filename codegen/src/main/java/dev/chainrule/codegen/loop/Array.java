package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;

/**
 * A row-major {@code double[]} of {@code rows × cols} entries: a parameter, an output the caller
 * passes, a temporary in the instance's workspace, or the workspace slots through which the parts
 * of a split method hand scalars on (never turned into locals).
 */
public record Array(String name, Dim rows, Dim cols, Role role) {
    public enum Role { PARAMETER, OUTPUT, TEMPORARY, CARRIED }
}
