package dev.chainrule.codegen.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Moves statements as early as they may go, in linear time: what {@link Hoisting} does to scalars
 * and {@link Sweeps} to the forward sweep. Each statement that {@code moves} accepts, in order,
 * goes directly after the latest statement before it that it may not pass: a barrier, or one it
 * is not {@link Effects#independent independent} of. That is exactly where swapping it backwards
 * past each independent neighbour would leave it, but found with maps from every name to its
 * latest reader and writer instead of by a walk back over the body, which made both passes
 * quadratic (a sum of 10⁴ sines has as many scalars, each of which moves to the front).
 */
final class Reordering {
    private static final long SPACING = 1L << 32;

    /** A statement in the new order; labels increase along the list, so "later" is one comparison. */
    private static final class Slot {
        final Stmt statement;
        long label;
        Slot next;

        Slot(Stmt statement, long label) {
            this.statement = statement;
            this.label = label;
        }
    }

    private final Effects.Cache effects;
    private final Slot head = new Slot(null, 0);
    private Slot tail = head;
    private int size;
    private Slot lastBarrier;
    private final Map<Name, Slot> localWriters = new HashMap<>();
    private final Map<Name, Slot> localReaders = new HashMap<>();
    private final Map<Name, Slot> arrayWriters = new HashMap<>();
    private final Map<Name, Slot> arrayReaders = new HashMap<>();

    private Reordering(Effects.Cache effects) {
        this.effects = effects;
    }

    /**
     * The body with each statement {@code moves} accepts moved as early as it may go.
     *
     * @param barrier statements nothing moves past (a return, say)
     */
    static List<Stmt> earliest(List<Stmt> body, Predicate<Stmt> moves, Predicate<Stmt> barrier, Effects.Cache effects) {
        Reordering order = new Reordering(effects);
        for (Stmt s : body) {
            order.place(s, moves.test(s), barrier.test(s));
        }
        return order.statements();
    }

    private void place(Stmt s, boolean moving, boolean isBarrier) {
        Effects e = effects.of(s);
        Slot slot;
        if (moving) {
            Slot anchor = lastBarrier;
            for (Name local : e.localsRead) {
                anchor = later(anchor, localWriters.get(local));
            }
            for (Name local : e.localsWritten) {
                anchor = later(anchor, later(localWriters.get(local), localReaders.get(local)));
            }
            for (Name array : e.arraysRead()) {
                anchor = later(anchor, arrayWriters.get(array));
            }
            for (Name array : e.arraysWritten()) {
                anchor = later(anchor, later(arrayWriters.get(array), arrayReaders.get(array)));
            }
            slot = insertAfter(anchor == null ? head : anchor, s);
        } else {
            slot = insertAfter(tail, s);
        }
        if (isBarrier) {
            lastBarrier = later(lastBarrier, slot);
        }
        Slot placed = slot;
        e.localsWritten.forEach(name -> localWriters.merge(name, placed, Reordering::later));
        e.localsRead.forEach(name -> localReaders.merge(name, placed, Reordering::later));
        e.arraysWritten().forEach(name -> arrayWriters.merge(name, placed, Reordering::later));
        e.arraysRead().forEach(name -> arrayReaders.merge(name, placed, Reordering::later));
    }

    private static Slot later(Slot a, Slot b) {
        return a == null ? b : b == null ? a : a.label >= b.label ? a : b;
    }

    private Slot insertAfter(Slot before, Stmt s) {
        if (before.next != null && before.next.label - before.label < 2) {
            relabel();
        }
        long label = before.next == null ? before.label + SPACING
                : before.label + (before.next.label - before.label) / 2;
        Slot slot = new Slot(s, label);
        slot.next = before.next;
        before.next = slot;
        if (before == tail) {
            tail = slot;
        }
        size++;
        return slot;
    }

    /** Spreads the labels out again when an insertion finds no room between two. */
    private void relabel() {
        long label = 0;
        for (Slot slot = head; slot != null; slot = slot.next) {
            slot.label = label;
            label += SPACING;
        }
    }

    private List<Stmt> statements() {
        List<Stmt> out = new ArrayList<>(size);
        for (Slot slot = head.next; slot != null; slot = slot.next) {
            out.add(slot.statement);
        }
        return out;
    }
}
