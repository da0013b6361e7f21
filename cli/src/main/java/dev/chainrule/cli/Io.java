package dev.chainrule.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;

/** Where a run writes: results to {@code out}, diagnostics to {@code err}. */
record Io(PrintStream out, PrintStream err, boolean debug) {

    /** A writer for picocli's help and messages that goes through the stream (and its charset). */
    static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                stream.print(new String(chars, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }
}
