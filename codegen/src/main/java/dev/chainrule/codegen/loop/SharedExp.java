package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Comment;
import dev.chainrule.codegen.loop.Stmt.Let;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One exp for a softplus and a sigmoid of the same argument: both start from e<sup>−|x|</sup>
 * (softplus(x) = max(x, 0) + log1p(e<sup>−|x|</sup>), sigmoid(x) = 1/(1 + e<sup>−|x|</sup>) or
 * e<sup>−|x|</sup>/(1 + e<sup>−|x|</sup>)), and a loss and its gradient take both of each
 * sample's margin (logistic regression's softplus(−yᵢ xᵢ·w) and sigmoid(−yᵢ xᵢ·w)). Where one body
 * computes both of one argument, {@code final double exponential = exp(-Math.abs(x));} is computed
 * before the first, and both are computed from it ({@link Val.FromExp}): the same values, to the
 * last bit, with one exp fewer.
 *
 * <p>Only an argument that reads no array and only locals the body declares {@code final} before
 * it is shared, so that it has one value wherever the body computes it. Only in double classes: a
 * float class's sigmoid takes e in float, its softplus in double.
 */
final class SharedExp {
    /** The suffix of the helpers' names that take e: {@code "sigmoid" + HELPER_SUFFIX}. */
    static final String HELPER_SUFFIX = "FromExp";

    private final Function<String, Name> locals;

    private SharedExp(Function<String, Name> locals) {
        this.locals = locals;
    }

    /** @param locals makes a new local for a role (the shared exponential) */
    static List<Stmt> share(List<Stmt> body, Function<String, Name> locals) {
        SharedExp pass = new SharedExp(locals);
        return new Mapper() {
            @Override public List<Stmt> body(List<Stmt> statements) {
                List<Stmt> inner = new ArrayList<>();
                for (Stmt s : statements) {
                    inner.add(s.map(this));
                }
                return pass.shareIn(inner);
            }
        }.body(body);
    }

    /** One body: its own statements' softplus and sigmoid calls, not those of the bodies it holds. */
    private List<Stmt> shareIn(List<Stmt> body) {
        Set<Name> finals = new HashSet<>();
        Map<Val, Integer> softplusAt = new LinkedHashMap<>();
        Map<Val, Integer> sigmoidAt = new LinkedHashMap<>();
        for (int k = 0; k < body.size(); k++) {
            Stmt s = body.get(k);
            int at = k;
            for (Val own : OwnValues.of(s)) {
                calls(own, MathFunction.SOFTPLUS).stream().filter(v -> sharable(v, finals))
                        .forEach(v -> softplusAt.putIfAbsent(v, at));
                calls(own, MathFunction.SIGMOID).stream().filter(v -> sharable(v, finals))
                        .forEach(v -> sigmoidAt.putIfAbsent(v, at));
            }
            if (s instanceof Let let) {
                finals.add(let.name());
            }
        }
        Map<Val, Name> shared = new LinkedHashMap<>();
        Map<Integer, List<Val>> firstUse = new LinkedHashMap<>();
        for (Map.Entry<Val, Integer> softplus : softplusAt.entrySet()) {
            Integer sigmoid = sigmoidAt.get(softplus.getKey());
            if (sigmoid != null) {
                shared.put(softplus.getKey(), locals.apply("exponential"));
                firstUse.computeIfAbsent(Math.min(softplus.getValue(), sigmoid), k -> new ArrayList<>())
                        .add(softplus.getKey());
            }
        }
        if (shared.isEmpty()) {
            return body;
        }
        Mapper fromShared = new Mapper() {
            @Override public Val val(Val v) {
                if (v instanceof Val.Call c && (c.function() == MathFunction.SOFTPLUS || c.function() == MathFunction.SIGMOID)
                        && shared.containsKey(c.argument())) {
                    return new Val.FromExp(c.function(), c.argument(), new Val.Local(shared.get(c.argument())));
                }
                return v.map(this);
            }
        };
        List<Stmt> out = new ArrayList<>();
        for (int k = 0; k < body.size(); k++) {
            for (Val argument : firstUse.getOrDefault(k, List.of())) {
                out.add(new Comment("exp(-|x|) once, for both the softplus and the sigmoid of x"));
                out.add(new Let(shared.get(argument), expOfMinusMagnitude(argument)));
            }
            out.add(fromShared.stmt(body.get(k)));
        }
        return out;
    }

    /** e<sup>−|x|</sup>; |−u| is |u|. */
    private static Val expOfMinusMagnitude(Val argument) {
        Val magnitude = argument instanceof Val.Negate negated ? negated.operand() : argument;
        return new Val.Call(MathFunction.EXP, new Val.Negate(new Val.Call(MathFunction.ABS, magnitude)));
    }

    /** The arguments of the calls of {@code function} in a value. */
    private static List<Val> calls(Val value, MathFunction function) {
        List<Val> found = new ArrayList<>();
        new Mapper() {
            @Override public Val val(Val v) {
                if (v instanceof Val.Call c && c.function() == function) {
                    found.add(c.argument());
                }
                return v.map(this);
            }
        }.val(value);
        return found;
    }

    /** Whether the value reads no array and only locals declared final earlier in the body. */
    private static boolean sharable(Val value, Set<Name> finals) {
        boolean[] sharable = {true};
        new Mapper() {
            @Override public Val val(Val v) {
                if (v instanceof Val.Load || v instanceof Val.OnDiagonal) {
                    sharable[0] = false;
                }
                return v.map(this);
            }

            @Override public Name local(Name name) {
                sharable[0] &= finals.contains(name);
                return name;
            }
        }.val(value);
        return sharable[0];
    }
}
