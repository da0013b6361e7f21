package dev.chainrule.cli;

import dev.chainrule.serve.Browser;
import dev.chainrule.serve.Limits;
import dev.chainrule.serve.Playground;
import java.io.IOException;
import java.net.BindException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chainrule serve [--port N] [--open]}: the local page, until Ctrl-C. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Serve a local page to work in: typeset derivatives, the Java, and numbers.",
        description = "Starts a web server on 127.0.0.1 (this computer only) serving one page that works offline: type a "
                + "function, see it restated with its shapes and its gradient, Jacobian or Hessian typeset, every "
                + "problem at its place in the input, the generated Java class, and its numbers checked against the "
                + "interpreter and finite differences. Prints the page's address; stops on Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "the port to listen on; default: a free one")
    private int port;

    @Option(names = "--open", description = "open the page in the browser, where there is one")
    private boolean open;

    private final Io io;

    ServeCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("invalid --port " + port + ": a port is from 1 to 65535 (0 for a free one)");
        }
        Playground playground;
        try {
            playground = Playground.start(port, Limits.DEFAULT, io.err());
        } catch (BindException e) {
            throw new UserError("cannot listen on port " + port + ": " + e.getMessage()
                    + " (another program has it? leave out --port for a free one)");
        } catch (IOException e) {
            throw new UserError("cannot start the server: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            playground.close();
            io.out().println("chainrule serve: stopped");
            io.out().flush();
            stopped.countDown();
        }, "chainrule-serve-stop"));
        io.out().println("chainrule serve: the page is at " + playground.uri() + "  (Ctrl-C stops it)");
        if (open) {
            Optional<String> problem = Browser.open(playground.uri());
            io.out().println(problem.map(p -> "chainrule serve: " + p + "; open the address above yourself")
                    .orElse("chainrule serve: opened in your browser"));
        }
        io.out().flush();
        stopped.await();
        return 0;
    }
}
