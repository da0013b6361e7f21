package dev.chainrule.serve;

/**
 * The time a request's work must end by, checked between the stages of the pipeline and inside
 * the server's own loops: past it, or once the request is cancelled, the work stops with
 * {@link Expired} at the next check.
 */
record Deadline(long nanoTime) {

    static Deadline after(java.time.Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos());
    }

    /** No limit, for library use and tests. */
    static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    void check() {
        if (Thread.currentThread().isInterrupted() || nanoTime != Long.MAX_VALUE && System.nanoTime() - nanoTime > 0) {
            throw new Expired();
        }
    }

    /** The work ran out of time, or was cancelled. */
    static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Expired() {
            super("time limit reached", null, false, false);
        }
    }
}
