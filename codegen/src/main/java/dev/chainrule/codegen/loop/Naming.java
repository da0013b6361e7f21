package dev.chainrule.codegen.loop;

import java.util.List;

/** Gives every name of a method body the Java text the emitter prints. */
final class Naming {
    private Naming() {}

    static String text(Name name) {
        return name.accept(new Name.Visitor<>() {
            @Override public String visitFixed(Name.Fixed n) { return n.text(); }
            @Override public String visitTemp(Name.Temp n) { return n.role(); }
            @Override public String visitCopy(Name.Copy n) { return text(n.original()) + "_" + n.iteration(); }
            @Override public String visitEntry(Name.Entry n) {
                Array a = n.array();
                String base = text(a.name()) + "_" + n.row();
                return a.cols().equals(dev.chainrule.shape.Dim.ONE) ? base
                        : a.rows().equals(dev.chainrule.shape.Dim.ONE) ? base + "_" + n.col() : base + "_" + n.col();
            }
        });
    }

    /** Every name as it is. */
    static List<Stmt> asIs(List<Stmt> body) {
        return new Mapper() {
            @Override public Name local(Name name) {
                return new Name.Fixed(text(name));
            }

            @Override public Array array(Array array) {
                return array.named(new Name.Fixed(text(array.name())));
            }
        }.body(body);
    }
}
