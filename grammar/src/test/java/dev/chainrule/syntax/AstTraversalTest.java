package dev.chainrule.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AST's one traversal: {@link Ast#children()} in order, and {@link Ast#accept} calling the
 * method of the node's kind.
 */
class AstTraversalTest {
    private static Ast parse(String text) {
        return CalcSyntax.parseExpression(text);
    }

    /** The kind of each node, named by the visitor method that was called. */
    private static final Ast.Visitor<String> KIND = new Ast.Visitor<>() {
        @Override public String visitNumber(Ast.Number node) { return "number " + node.text(); }
        @Override public String visitName(Ast.Name node) { return "name " + node.id(); }
        @Override public String visitUnary(Ast.Unary node) { return "unary " + node.op().symbol(); }
        @Override public String visitBinary(Ast.Binary node) { return "binary " + node.op().symbol(); }
        @Override public String visitCall(Ast.Call node) { return "call " + node.function(); }
        @Override public String visitLiteral(Ast.Literal node) { return "literal " + node.rows().size(); }
        @Override public String visitEntries(Ast.Entries node) { return "entries " + node.indices().size(); }
        @Override public String visitWhere(Ast.Where node) { return "where " + node.definitions().size(); }
    };

    /** Every node in pre-order, each as its kind: the shape of the tree in one list. */
    private static List<String> preOrder(Ast root) {
        List<String> out = new ArrayList<>();
        List<Ast> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Ast node = pending.remove(pending.size() - 1);
            out.add(node.accept(KIND));
            List<Ast> children = new ArrayList<>(node.children());
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.add(children.get(i));
            }
        }
        return out;
    }

    @Test
    void everyKindIsVisitedByItsOwnMethod() {
        assertEquals(List.of("binary +", "call max", "number 0", "unary '", "name z", "unary -", "name x"),
                preOrder(parse("max(0, z') + -x")));
    }

    @Test
    void childrenAreTheOperandsInOrder() {
        Ast.Binary product = (Ast.Binary) parse("A*x");
        assertEquals(List.of(product.left(), product.right()), product.children());
        Ast.Unary transpose = (Ast.Unary) parse("x'");
        assertEquals(List.of(transpose.operand()), transpose.children());
        Ast.Call call = (Ast.Call) parse("dot(w, x)");
        assertEquals(call.args(), call.children());
        Ast.Where where = (Ast.Where) parse("t + s where t = x, s = t");
        assertEquals(List.of(where.definitions().get(0).value(), where.definitions().get(1).value(), where.body()),
                where.children());
        assertEquals(List.of(), parse("x").children());
        assertEquals(List.of(), parse("2.5").children());
        assertEquals(List.of(), parse("eye()").children());
    }

    @Test
    void literalsAndEntriesListTheirPartsAndBounds() {
        assertEquals(List.of("literal 2", "name a", "name b", "number 2", "name d"), preOrder(parse("[a, b; 2, d]")));
        assertEquals(List.of("entries 2", "name A", "number 1", "name n", "number 2"), preOrder(parse("A[1, n:2]")));
        assertEquals("([] (a b) (c d))", AstPrinter.parse("[a, b; c, d]"));
        assertEquals("([] ((^ x 2) (sin (* 3 x))))", AstPrinter.parse("[x^2, sin(3*x)]"));
        assertEquals("(' (index x 2))", AstPrinter.parse("x[2]'"));
        assertEquals("(index A (- n 1) 2:3)", AstPrinter.parse("A[n - 1, 2:3]"));
        assertEquals("(index (index A 1) 2)", AstPrinter.parse("A[1][2]"));
    }

    @Test
    void aCallsChildrenCannotBeChanged() {
        Ast.Call call = (Ast.Call) parse("sum(x)");
        assertThrows(UnsupportedOperationException.class, () -> call.children().add(call));
    }
}
