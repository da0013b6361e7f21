package dev.chainrule.codegen.loop;

import static dev.chainrule.codegen.loop.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.shape.Dim;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The naming pass: roles, numbered only when several, without gaps, never confusable with the user's names. */
class NamingTest {
    private final Array x = parameter("x", N, Dim.ONE);
    private final Naming.Scope scope = new Naming.Scope(Set.of("x", "n", "value", "square"), Set.of("x", "n"));

    @Test
    void aRoleHeldOnceIsTheNameAndSeveralAreNumberedInOrderWithoutGaps() {
        Name sum1 = temp("sum", 7);
        Name dot = temp("dot", 9);
        Name sum2 = temp("sum", 12);
        Map<Name.Temp, String> names = Naming.locals(body(
                init(sum1, num(0)), init(dot, num(0)), init(sum2, num(0)),
                ret(add(local(sum2), add(local(dot), local(sum1))))), scope);
        assertEquals(Map.of(sum1, "sum1", dot, "dot", sum2, "sum2"), names);
    }

    @Test
    void aRoleConfusableWithAUsersNameTakesAPrefix() {
        Naming.Scope userSum = new Naming.Scope(Set.of("sum", "dot2"), Set.of("sum", "dot2"));
        Name sum = temp("sum", 1);
        Name dot = temp("dot", 2);
        Map<Name.Temp, String> names = Naming.locals(body(init(sum, num(0)), init(dot, num(0)),
                ret(add(local(sum), local(dot)))), userSum);
        assertEquals("tmpSum", names.get(sum));
        assertEquals("tmpDot", names.get(dot));
        assertTrue(Naming.confusable("w2", "w"));
        assertTrue(Naming.confusable("W1", "w9"));
        assertFalse(Naming.confusable("grad", "gradW"));
    }

    @Test
    void aLocalDefinitionKeepsTheUsersNameAndTakenNamesAreAvoided() {
        Name hidden = user("hidden", 1);
        Name square = temp("square", 2);
        Map<Name.Temp, String> names = Naming.locals(body(let(hidden, num(1)), let(square, num(2)),
                ret(add(local(hidden), local(square)))), scope);
        assertEquals("hidden", names.get(hidden));
        assertEquals("square_", names.get(square));
    }

    @Test
    void copiesAndEntriesAreSuffixedByPosition() {
        Name coefficient = temp("coefficient", 1);
        Array difference = vector("difference", 2, Dim.of(3));
        List<Stmt> named = Naming.apply(body(
                let(new Name.Copy(coefficient, 0), num(1)),
                let(new Name.Entry(difference, 2, 0), num(2)),
                ret(add(local(new Name.Copy(coefficient, 0)), local(new Name.Entry(difference, 2, 0))))),
                Map.of(), Naming.locals(body(let(coefficient, num(0)), let(difference.name(), num(0))), scope));
        assertEquals(body(let(fixed("coefficient_0"), num(1)), let(fixed("difference_2"), num(2)),
                ret(add(local(fixed("coefficient_0")), local(fixed("difference_2"))))), named);
    }

    @Test
    void aNameIsKeptClearOfTheNamesItsCopiesAndEntriesWouldTake() {
        // A parameter a_0 is what the first copy of a local a would be called: the local is a_.
        Naming.Scope suffixed = new Naming.Scope(Set.of("a_0", "sum_1_2"), Set.of("a_0", "sum_1_2"));
        Name a = user("a", 1);
        Name sum = user("sum", 2);
        Name dot = temp("dot", 3);
        Map<Name.Temp, String> names = Naming.locals(body(let(a, num(1)), let(sum, num(2)), let(dot, num(3)),
                ret(add(local(a), add(local(sum), local(dot))))), suffixed);
        assertEquals(Map.of(a, "a_", sum, "sum_", dot, "dot"), names);
    }

    @Test
    void arraysAreNamedForTheClassAndASharedArrayOfSeveralRolesIsAWorkArray() {
        Array product = vector("product", 1);
        Array grad = vector("grad", 2);
        Array delta = vector("delta", 3);
        List<Stmt> value = body(loop("i", store(product, var("i"), load(x, var("i")))));
        List<Stmt> gradient = body(loop("i", store(grad, var("i"), load(x, var("i"))),
                store(delta, var("i"), load(grad, var("i")))));
        Map<Name, String> names = Naming.arrays(List.of(value, gradient),
                a -> a.equals(delta.name()) ? Set.of("delta", "residual") : Set.of(), scope);
        assertEquals(Map.of(product.name(), "product", grad.name(), "grad", delta.name(), "work"), names);
    }
}
