package dev.chainrule.syntax;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work on a thread with a stack deep enough for the deepest input chainrule accepts. The parser
 * (ANTLR's recursive descent) and the type checker recurse once per level of nesting, so input
 * thousands of parentheses deep needs far more stack than a thread's default; every tool that reads
 * user input (the command line, the Maven plugin, the annotation processor, the local server) runs
 * its pipeline here, with this one size.
 *
 * <p>The size is reserved address space, not memory: pages are committed only as the stack grows.
 */
public final class DeepStack {
    /** Enough for 100,000 nested parentheses, several times the nesting limit. */
    public static final long STACK_BYTES = 1L << 30;

    private DeepStack() {}

    /** Work that may throw a checked exception of type {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} on a new thread named {@code name} with a {@link #STACK_BYTES} stack and
     * waits for it: its result, or what it threw, rethrown here as it was.
     *
     * @throws InterruptedException if this thread is interrupted while waiting; the worker is
     *     interrupted too
     */
    public static <T, E extends Exception> T call(String name, Work<T, E> work) throws E, InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(work.run());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name, STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        }
        Throwable thrown = failure.get();
        if (thrown == null) {
            return result.get();
        }
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        @SuppressWarnings("unchecked") // work.run() declares only E among checked exceptions
        E checked = (E) thrown;
        throw checked;
    }
}
