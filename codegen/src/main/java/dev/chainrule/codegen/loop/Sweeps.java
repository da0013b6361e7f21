package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Comment;
import dev.chainrule.codegen.loop.Stmt.Return;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Marks the sweeps of a method that computes a value and its gradient: the forward sweep (the
 * value, with what the gradient reuses) goes first where what it reads allows, under a comment
 * line, and the backward sweep (the gradient) after it under another; where fusion has put both
 * in the same loops, one line says so.
 */
final class Sweeps {
    static final String FORWARD = "Forward sweep: the value, and the intermediates the gradient reuses";
    static final String BACKWARD = "Backward sweep: the gradient, from the value back to the parameters";
    static final String FUSED = "Forward and backward sweeps fused: the same loops compute the value and the gradient";

    private enum Sweep { NONE, FORWARD, BACKWARD, BOTH }

    private final Set<Name> forward;
    private final Effects.Cache effects = new Effects.Cache();

    private Sweeps(Set<Name> forward) {
        this.forward = forward;
    }

    /** @param forward the temporaries the forward sweep writes (the others belong to the backward sweep) */
    static List<Stmt> mark(List<Stmt> body, Set<Name> forward) {
        return new Sweeps(forward).markBody(body);
    }

    private List<Stmt> markBody(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        if (out.stream().anyMatch(s -> sweep(s) == Sweep.BOTH)) {
            out.add(0, new Comment(FUSED));
            return out;
        }
        // Forward statements rise above the backward ones they do not depend on.
        out = new ArrayList<>(Reordering.earliest(out, s -> sweep(s) == Sweep.FORWARD, s -> sweep(s) != Sweep.BACKWARD,
                effects));
        int firstBackward = -1;
        int lastForward = -1;
        for (int k = 0; k < out.size(); k++) {
            Sweep s = sweep(out.get(k));
            if (s == Sweep.BACKWARD && firstBackward < 0) {
                firstBackward = k;
            } else if (s == Sweep.FORWARD) {
                lastForward = k;
            }
        }
        if (firstBackward < 0 || lastForward < 0) {
            return out;
        }
        if (lastForward > firstBackward) {
            out.add(0, new Comment(FUSED));
            return out;
        }
        out.add(firstBackward, new Comment(BACKWARD));
        out.add(0, new Comment(FORWARD));
        return out;
    }

    /** Which sweep a statement belongs to, by what it writes (outputs are gradients). */
    private Sweep sweep(Stmt s) {
        if (s instanceof Return) {
            return Sweep.NONE;
        }
        Effects e = effects.of(s);
        boolean f = false;
        boolean b = false;
        for (Name written : e.localsWritten) {
            if (isForward(written)) {
                f = true;
            } else {
                b = true;
            }
        }
        for (Name written : e.arraysWritten()) {
            if (isForward(written)) {
                f = true;
            } else {
                b = true;
            }
        }
        return f && b ? Sweep.BOTH : f ? Sweep.FORWARD : b ? Sweep.BACKWARD : Sweep.NONE;
    }

    private boolean isForward(Name name) {
        Name.Temp origin = name.origin();
        return origin != null && forward.contains(origin);
    }
}
