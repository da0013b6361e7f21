package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.serve.Limits;
import dev.chainrule.serve.Playground;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The serve command's mistakes; the server itself is tested in the serve module. */
class ServeCommandTest {

    @Test
    void refusesAPortOutOfRange() {
        assertEquals(new CliRun(2, "", "chainrule: invalid --port 70000: a port is from 1 to 65535 (0 for a free one)\n"),
                CliRun.run("serve", "--port", "70000"));
    }

    @Test
    void saysWhenThePortIsTaken() throws Exception {
        try (Playground other = Playground.start(0, Limits.DEFAULT, new PrintStream(OutputStream.nullOutputStream()))) {
            int port = other.uri().getPort();
            CliRun run = CliRun.run("serve", "--port", Integer.toString(port));
            assertEquals(2, run.status(), run::toString);
            assertTrue(run.err().startsWith("chainrule: cannot listen on port " + port + ": "), run::toString);
            assertTrue(run.err().endsWith("(another program has it? leave out --port for a free one)\n"), run::toString);
        }
    }
}
