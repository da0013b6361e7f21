package dev.chainrule.codegen.loop;

import dev.chainrule.codegen.loop.Stmt.*;
import dev.chainrule.codegen.loop.Val.Binary;
import dev.chainrule.codegen.loop.Val.Op;
import dev.chainrule.shape.Dim;
import java.util.List;

/** Builds small loop-IR programs for the pass tests, as they would be written by hand. */
final class Ir {
    private Ir() {}

    static final Dim N = Dim.of("n");

    static Name.Temp temp(String role, int serial) {
        return new Name.Temp(role, serial, false);
    }

    static Name.Temp user(String name, int serial) {
        return new Name.Temp(name, serial, true);
    }

    static Name fixed(String text) {
        return new Name.Fixed(text);
    }

    static Array parameter(String name, Dim rows, Dim cols) {
        return new Array(fixed(name), rows, cols, Array.Role.PARAMETER);
    }

    static Array output(String name, Dim rows) {
        return new Array(fixed(name), rows, Dim.ONE, Array.Role.OUTPUT);
    }

    /** A temporary vector of n entries. */
    static Array vector(String role, int serial) {
        return vector(role, serial, N);
    }

    static Array vector(String role, int serial, Dim length) {
        return new Array(temp(role, serial), length, Dim.ONE, Array.Role.TEMPORARY);
    }

    static Index.Var var(String name) {
        return new Index.Var(name);
    }

    static Index at(int position) {
        return new Index.At(position);
    }

    static Val num(double value) {
        return new Val.Num(value);
    }

    static Val local(Name name) {
        return new Val.Local(name);
    }

    static Val load(Array array, Index row) {
        return new Val.Load(array, row, Index.ZERO);
    }

    static Val load(Array array, Index row, Index col) {
        return new Val.Load(array, row, col);
    }

    static Val add(Val a, Val b) {
        return new Binary(Op.ADD, a, b);
    }

    static Val sub(Val a, Val b) {
        return new Binary(Op.SUBTRACT, a, b);
    }

    static Val mul(Val a, Val b) {
        return new Binary(Op.MULTIPLY, a, b);
    }

    static Val exp(Val a) {
        return new Val.Call(MathFunction.EXP, a);
    }

    static Stmt let(Name name, Val value) {
        return new Let(name, value);
    }

    static Stmt init(Name name, Val value) {
        return new Init(name, value);
    }

    static Stmt assign(Name name, Val value) {
        return new Assign(name, value);
    }

    static Stmt plusEquals(Name name, Val value) {
        return new Update(name, Op.ADD, value);
    }

    static Stmt store(Array array, Index row, Val value) {
        return new Store(array, row, Index.ZERO, value);
    }

    static Stmt store(Array array, Index row, Index col, Val value) {
        return new Store(array, row, col, value);
    }

    static Stmt accumulate(Array array, Index row, Val value) {
        return new Accumulate(array, row, Index.ZERO, value);
    }

    static Stmt accumulate(Array array, Index row, Index col, Val value) {
        return new Accumulate(array, row, col, value);
    }

    static Stmt loop(Index.Var index, Dim extent, Stmt... body) {
        return new Loop(index, extent, List.of(body));
    }

    static Stmt loop(String index, Stmt... body) {
        return new Loop(var(index), N, List.of(body));
    }

    static Stmt unlessZero(Val condition, Stmt... body) {
        return new UnlessZero(condition, List.of(body));
    }

    static Stmt ifOutside(Val value, Stmt... body) {
        return new IfOutside(value, Stmt.FastRange.SUM_OF_SQUARES, List.of(body));
    }

    static Stmt ret(Val value) {
        return new Return(value);
    }

    static List<Stmt> body(Stmt... statements) {
        return List.of(statements);
    }
}
