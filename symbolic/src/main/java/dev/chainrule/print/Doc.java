package dev.chainrule.print;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Text as a rope: strings and other docs, concatenated without copying. The printers build one doc
 * per distinct graph node, children first, so that a node shared by several parents is built once
 * and a chain thousands of nodes deep costs no recursion and no quadratic copying; the text is
 * written out once, at the end, by an explicit stack.
 */
final class Doc {
    /** Past this length the text would not fit in a Java string: the tree form of a DAG can be exponential. */
    static final long MAX_LENGTH = Integer.MAX_VALUE - 16;

    private static final long SATURATED = Long.MAX_VALUE / 2;

    private final Object[] parts; // String or Doc
    private final long length;

    private Doc(Object[] parts, long length) {
        this.parts = parts;
        this.length = length;
    }

    static Doc text(String text) {
        return new Doc(new Object[] {text}, text.length());
    }

    /** The concatenation of {@code parts}, each a {@link String} or a {@link Doc}. */
    static Doc of(Object... parts) {
        // Saturating: a shared subexpression written out many times over can overflow even a long.
        long length = 0;
        for (Object part : parts) {
            long partLength;
            if (part instanceof String s) {
                partLength = s.length();
            } else if (part instanceof Doc d) {
                partLength = d.length;
            } else {
                throw new IllegalArgumentException("not text: " + part);
            }
            length = Math.min(length + partLength, SATURATED);
        }
        return new Doc(parts.clone(), length);
    }

    long length() {
        return length;
    }

    String render() {
        if (length > MAX_LENGTH) {
            throw new IllegalStateException("the expression is too large to write out as a tree (about "
                    + length + " characters, because shared subexpressions are repeated); print it as JSON");
        }
        StringBuilder out = new StringBuilder((int) length);
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Object part = stack.pop();
            if (part instanceof String s) {
                out.append(s);
            } else {
                Object[] children = ((Doc) part).parts;
                for (int i = children.length - 1; i >= 0; i--) {
                    stack.push(children[i]);
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
