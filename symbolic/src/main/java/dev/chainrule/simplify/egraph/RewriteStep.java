package dev.chainrule.simplify.egraph;

import dev.chainrule.graph.Expr;

/**
 * One step of an explanation: a rule rewrote the whole term {@code before} into {@code after} at
 * one place; {@code forward} is false where the rule was applied from its right side to its left.
 */
public record RewriteStep(String rule, boolean forward, Expr before, Expr after) {}
