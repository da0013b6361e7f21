package dev.chainrule.shape;

/** One dimension of a shape: a fixed size such as {@code 3}, or a symbol such as {@code n}. */
public sealed interface Dim {
    Dim ONE = new Fixed(1);

    static Dim of(int size) {
        return size == 1 ? ONE : new Fixed(size);
    }

    static Dim of(String symbol) {
        return new Symbol(symbol);
    }

    record Fixed(int size) implements Dim {
        public Fixed {
            if (size < 1) {
                throw new IllegalArgumentException("a dimension must be at least 1, not " + size);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(size);
        }
    }

    record Symbol(String name) implements Dim {
        public Symbol {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a symbolic dimension needs a name");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
