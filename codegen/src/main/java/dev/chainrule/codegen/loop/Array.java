package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;

/**
 * A row-major {@code double[]} of {@code rows × cols} entries: a parameter, an output the caller
 * passes, or a temporary in the instance's workspace.
 */
public record Array(String name, Dim rows, Dim cols, Role role) {
    public enum Role { PARAMETER, OUTPUT, TEMPORARY }
}
