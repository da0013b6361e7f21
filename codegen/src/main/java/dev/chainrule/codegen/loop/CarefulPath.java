package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.Assign;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The body of an {@link Stmt.IfOutside} as a function of its own: what it reads, and the one local
 * it sets for the code after it. {@link JavaEmitter} moves such a body into a private static method
 * (a careful path runs rarely, and inline it makes the method around it too large to inline).
 */
final class CarefulPath {
    private CarefulPath() {}

    /**
     * The statement that ends the body by setting the one local the code after it reads, if the body
     * is a function of what it reads: it sets no array and no other local declared outside it, sets
     * that local only there, and reads it nowhere. Else null, as for a body of one statement: the
     * body stays inline.
     */
    static Assign result(List<Stmt> body) {
        if (body.size() < 2 || !(body.get(body.size() - 1) instanceof Assign last)) {
            return null;
        }
        Effects before = Effects.of(body.subList(0, body.size() - 1));
        Effects all = Effects.of(body);
        Set<Name> setOutside = new LinkedHashSet<>(all.localsWritten);
        setOutside.removeAll(all.localsDeclared);
        boolean function = setOutside.equals(Set.of(last.name()))
                && !before.localsWritten.contains(last.name())
                && !all.localsRead.contains(last.name())
                && all.arraysWritten().isEmpty();
        return function ? last : null;
    }

    /** The arrays the body reads, in order of first use. */
    static List<Array> arrays(List<Stmt> body) {
        Map<Name, Array> arrays = new LinkedHashMap<>();
        new Mapper() {
            @Override public Array array(Array a) {
                arrays.putIfAbsent(a.name(), a);
                return a;
            }
        }.body(body);
        return List.copyOf(arrays.values());
    }

    /** The locals the body reads and does not declare, in order of first use. */
    static List<Name> localsRead(List<Stmt> body) {
        Effects effects = Effects.of(body);
        return locals(body, name -> effects.localsRead.contains(name) && !effects.localsDeclared.contains(name));
    }

    /** The locals of the body that {@code which} accepts, each once, in order of first use. */
    private static List<Name> locals(List<Stmt> body, Predicate<Name> which) {
        Set<Name> found = new LinkedHashSet<>();
        new Mapper() {
            @Override public Name local(Name name) {
                if (which.test(name)) {
                    found.add(name);
                }
                return name;
            }
        }.body(body);
        return List.copyOf(found);
    }

    /**
     * The body with each local it declares named for its role alone ({@code sum}, {@code scale};
     * numbered where a role has several), unlike {@code taken}: in a method of its own, its locals
     * need not differ from the caller's.
     */
    static List<Stmt> localsByRole(List<Stmt> body, Set<String> taken) {
        List<Name> declared = locals(body, Effects.of(body).localsDeclared::contains);
        Map<String, Integer> roles = new LinkedHashMap<>();
        declared.forEach(name -> roles.merge(role(text(name)), 1, Integer::sum));
        Map<String, Integer> numbered = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>(taken);
        Map<Name, Name> renamed = new LinkedHashMap<>();
        for (Name name : declared) {
            String role = role(text(name));
            String candidate = role;
            if (roles.get(role) > 1) {
                // sum1, sum2, and sum1_1 for the second accumulator of sum1
                int split = role.matches(".*_[0-9]+") ? role.lastIndexOf('_') : role.length();
                candidate = role.substring(0, split) + numbered.merge(role, 1, Integer::sum) + role.substring(split);
            }
            while (!used.add(candidate)) {
                candidate = candidate + "_";
            }
            renamed.put(name, new Name.Fixed(candidate));
        }
        return new Mapper() {
            @Override public Name local(Name name) {
                return renamed.getOrDefault(name, name);
            }
        }.body(body);
    }

    /**
     * A local's name without the number that made it unique in its method: its role, with the
     * {@code _k} of the k-th accumulator of a split sum kept ({@code sum4_1} is {@code sum_1}).
     */
    static String role(String local) {
        String role = local.replaceFirst("[0-9]+(_[0-9]+)?$", "$1");
        return role.isEmpty() || !Character.isJavaIdentifierStart(role.charAt(0)) ? local : role;
    }

    private static String text(Name name) {
        return ((Name.Fixed) name).text();
    }

    /** The Javadoc of the method a careful path of this range is moved into. */
    static String javadoc(Stmt.FastRange range) {
        return switch (range) {
            case SUM_OF_SQUARES -> "The norm where the plain sum of squares overflowed or is so small that squares lost "
                    + "to underflow could reach its last bit: the square root of the sum of the squares of the entries "
                    + "scaled by a power of two near 1/max|xᵢ|, divided by the scale, which is exact. Rarely run, so "
                    + "it is apart from the method that needs it, which then stays small enough for the JIT to inline.\n";
        };
    }
}
