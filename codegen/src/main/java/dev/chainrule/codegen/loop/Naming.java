package dev.chainrule.codegen.loop;

import dev.chainrule.shape.Dim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.SourceVersion;

/**
 * The last pass: every temporary gets its Java name, from its role. A role held once in its scope
 * is the name ({@code dot}); held several times, the names are numbered in order of first use,
 * without gaps ({@code sum1}, {@code sum2}). A role that could be confused with a name the user
 * chose (a parameter {@code sum}, a dimension {@code dot2}) takes a prefix ({@code tmpSum}). A
 * local definition's value keeps the user's name. Workspace arrays are named once per class (the
 * methods share them), locals once per method; the copies of an unrolled loop's locals and the
 * entries of a scalarised array are suffixed by position ({@code difference_0}).
 */
final class Naming {
    /** The names a temporary must not take, and the user's names it must not be confused with. */
    record Scope(Set<String> taken, Set<String> userNames) {
        Scope with(Iterable<String> moreTaken) {
            Set<String> all = new HashSet<>(taken);
            moreTaken.forEach(all::add);
            return new Scope(all, userNames);
        }
    }

    private Naming() {}

    /**
     * Java names for the workspace arrays of a class's method bodies.
     *
     * @param sharedRoles the roles of the temporaries sharing each array (several: it is a {@code work} array)
     */
    static Map<Name, String> arrays(List<List<Stmt>> bodies, Function<Name, Set<String>> sharedRoles, Scope scope) {
        Set<Name> arrays = new LinkedHashSet<>();
        Mapper collect = new Mapper() {
            @Override public Array array(Array a) {
                if (a.role() != Array.Role.PARAMETER && a.role() != Array.Role.OUTPUT) {
                    arrays.add(a.name());
                }
                return a;
            }
        };
        bodies.forEach(collect::body);
        Map<Name, String> bases = new LinkedHashMap<>();
        for (Name array : arrays) {
            Name.Temp temp = array.origin();
            Set<String> roles = sharedRoles.apply(array);
            boolean userNamed = temp != null && temp.userNamed();
            String role = temp == null ? array.toString() : roles.size() > 1 ? "work" : temp.role();
            bases.put(array, base(role, userNamed, scope));
        }
        return number(bases, scope);
    }

    /** Java names for the locals of one method body (and the entries of its scalarised arrays). */
    static Map<Name.Temp, String> locals(List<Stmt> body, Scope scope) {
        Set<Name.Temp> temps = new LinkedHashSet<>();
        new Mapper() {
            @Override public Name local(Name name) {
                Name.Temp origin = name.origin();
                if (origin != null) {
                    temps.add(origin);
                }
                return name;
            }
        }.body(body);
        Map<Name, String> bases = new LinkedHashMap<>();
        for (Name.Temp temp : temps) {
            bases.put(temp, base(temp.role(), temp.userNamed(), scope));
        }
        Map<Name.Temp, String> names = new LinkedHashMap<>();
        number(bases, scope).forEach((name, text) -> names.put((Name.Temp) name, text));
        return names;
    }

    /** The body with every name as the Java text the emitter prints. */
    static List<Stmt> apply(List<Stmt> body, Map<Name, String> arrays, Map<Name.Temp, String> locals) {
        return new Mapper() {
            @Override public Name local(Name name) {
                return new Name.Fixed(text(name, locals, arrays));
            }

            @Override public Array array(Array a) {
                return a.role() == Array.Role.PARAMETER || a.role() == Array.Role.OUTPUT ? a
                        : a.named(new Name.Fixed(arrays.get(a.name())));
            }
        }.body(body);
    }

    private static String text(Name name, Map<Name.Temp, String> locals, Map<Name, String> arrays) {
        return name.accept(new Name.Visitor<>() {
            @Override public String visitFixed(Name.Fixed n) {
                return n.text();
            }

            @Override public String visitTemp(Name.Temp n) {
                String text = locals.get(n);
                return text != null ? text : arrays.get(n);
            }

            @Override public String visitCopy(Name.Copy n) {
                return n.original().accept(this) + "_" + n.iteration();
            }

            @Override public String visitEntry(Name.Entry n) {
                Array a = n.array();
                String base = a.name().accept(this);
                if (a.cols().equals(Dim.ONE)) {
                    return base + "_" + n.row();
                }
                return a.rows().equals(Dim.ONE) ? base + "_" + n.col() : base + "_" + n.row() + "_" + n.col();
            }
        });
    }

    /** The name a role starts from: the user's own, or the role kept clear of the user's names. */
    private static String base(String role, boolean userNamed, Scope scope) {
        if (userNamed) {
            return role;
        }
        for (String user : scope.userNames()) {
            if (confusable(role, user)) {
                return "tmp" + role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
            }
        }
        return role;
    }

    /** Two names that differ only in case or in a number at the end. */
    static boolean confusable(String a, String b) {
        return stem(a).equalsIgnoreCase(stem(b));
    }

    private static String stem(String name) {
        int end = name.length();
        while (end > 1 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '_')) {
            end--;
        }
        return name.substring(0, end);
    }

    /**
     * Numbers the bases held more than once, in order, and keeps every name clear of the taken ones,
     * and of the names their copies and entries take: {@code a} is {@code a_} beside a parameter
     * {@code a_0}, which the first entry of a scalarised {@code a} would otherwise be.
     */
    private static Map<Name, String> number(Map<Name, String> bases, Scope scope) {
        Map<String, Integer> count = new LinkedHashMap<>();
        bases.values().forEach(b -> count.merge(b, 1, Integer::sum));
        Map<String, Integer> next = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(scope.taken());
        Set<String> roots = new HashSet<>();
        used.forEach(u -> roots.add(root(u)));
        Map<Name, String> names = new LinkedHashMap<>();
        List<Name> order = new ArrayList<>(bases.keySet());
        for (Name name : order) {
            String base = bases.get(name);
            String text = count.get(base) == 1 ? base : base + next.merge(base, 1, Integer::sum);
            while (!SourceVersion.isName(text) || used.contains(text) || roots.contains(root(text))) {
                text = text + "_";
            }
            used.add(text);
            roots.add(root(text));
            names.put(name, text);
        }
        return names;
    }

    /** A name without the position suffixes of copies and entries: {@code a} for {@code a}, {@code a_0}, {@code a_1_2}. */
    private static String root(String name) {
        int end = name.length();
        while (true) {
            int digits = end;
            while (digits > 0 && name.charAt(digits - 1) >= '0' && name.charAt(digits - 1) <= '9') {
                digits--;
            }
            if (digits == end || digits == 0 || name.charAt(digits - 1) != '_' || digits == 1) {
                return name.substring(0, end);
            }
            end = digits - 1;
        }
    }
}
