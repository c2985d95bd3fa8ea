package dev.whopper.core.io;

import java.util.ArrayList;
import java.util.Objects;

/**
 * Tracks one asynchronous operation.
 *
 * <p>Semantics (single-threaded: a completion is finished on its event loop's thread):
 * <ul>
 *   <li>The result is set once: the first of {@link #complete(int)}, {@link #succeed()},
 *       {@link #fail(CompletionError)} or {@link #abort()} wins; later calls return {@code false} and
 *       change nothing.</li>
 *   <li>When the result is set, in this order: the callback runs exactly once, the owning
 *       {@link CompletionGroup} (if any) is told, then every waiter registered with
 *       {@link #onFinish(CompletionCallback)} is told, in registration order.</li>
 *   <li>A {@link CompletionKind#READ} completion carries the buffer the data is read into.</li>
 *   <li>A {@link CompletionKind#YIELD} completion is finished and succeeded at birth.</li>
 *   <li>A {@link CompletionKind#WAIT} completion ({@link #waiting(String)}) is finished by hand by whoever
 *       the waiter waits for (a signal, a mutex); no {@link IO} finishes it.</li>
 *   <li>A completion belongs to at most one group.</li>
 *   <li>A completion may carry a label, a short human description of what it waits for
 *       ({@code "read page 7 of bank.db"}, {@code "mutex A, held by fiber 1"}): text only, for
 *       {@link #toString()} and deadlock reports, never part of a result or a trace hash. A label is a
 *       {@code String} or a {@link CompletionLabel} formatted only when read, so hot paths build no
 *       string.</li>
 * </ul>
 *
 * <p>Errors raised by a callback or waiter propagate to whoever finished the completion (a tool bug,
 * never swallowed); the completion stays finished.
 */
public final class Completion {
    private static final byte PENDING = 0;
    private static final byte SUCCEEDED = 1;
    private static final byte FAILED = 2;

    private final CompletionKind kind;
    private final byte[] buffer;
    private CompletionCallback callback;
    private byte state = PENDING;
    private int result;
    private CompletionError error;
    private CompletionGroup group;
    /** The group this completion is the built result of (kind GROUP only). */
    CompletionGroup source;
    private CompletionCallback firstWaiter;
    private ArrayList<CompletionCallback> moreWaiters;
    /** The label: null, a String or a CompletionLabel. */
    private Object label;

    private Completion(CompletionKind kind, byte[] buffer, CompletionCallback callback) {
        this.kind = kind;
        this.buffer = buffer;
        this.callback = callback == null ? CompletionCallback.NONE : callback;
    }

    /**
     * A READ completion that reads {@code buffer.length} bytes into {@code buffer}.
     *
     * @param buffer   where the data goes
     * @param callback told once when the read finishes, or {@code null}
     * @return a pending completion
     */
    public static Completion read(byte[] buffer, CompletionCallback callback) {
        Objects.requireNonNull(buffer, "buffer");
        return new Completion(CompletionKind.READ, buffer, callback);
    }

    /**
     * A WRITE completion.
     *
     * @param callback told once when the write finishes, or {@code null}
     * @return a pending completion
     */
    public static Completion write(CompletionCallback callback) {
        return new Completion(CompletionKind.WRITE, null, callback);
    }

    /**
     * A SYNC completion.
     *
     * @param callback told once when the sync finishes, or {@code null}
     * @return a pending completion
     */
    public static Completion sync(CompletionCallback callback) {
        return new Completion(CompletionKind.SYNC, null, callback);
    }

    /**
     * A TRUNCATE completion.
     *
     * @param callback told once when the truncation finishes, or {@code null}
     * @return a pending completion
     */
    public static Completion truncate(CompletionCallback callback) {
        return new Completion(CompletionKind.TRUNCATE, null, callback);
    }

    /**
     * A TIMER completion; an {@link IO} finishes it after a delay ({@link IO#sleep}), or a simulator
     * after a fiber's sleep. A completion finished by hand is a {@link #waiting(String)} one instead.
     *
     * @param callback told once when the timer fires, or {@code null}
     * @return a pending completion
     */
    public static Completion timer(CompletionCallback callback) {
        return new Completion(CompletionKind.TIMER, null, callback);
    }

    /**
     * A WAIT completion: pending until whoever the waiter waits for finishes it by hand (a signal, a
     * mutex, a test). Returning {@code IOResult.io(waiting(..))} blocks the caller until then.
     *
     * @param label what is waited for, e.g. {@code "signal \"opened\""}
     * @return a pending completion with that label
     * @throws NullPointerException when {@code label} is null
     */
    public static Completion waiting(String label) {
        return new Completion(CompletionKind.WAIT, null, null).label(label);
    }

    /**
     * A WAIT completion whose label is formatted only when read (see {@link #waiting(String)}).
     *
     * @param label what is waited for
     * @return a pending completion with that label
     * @throws NullPointerException when {@code label} is null
     */
    public static Completion waiting(CompletionLabel label) {
        return new Completion(CompletionKind.WAIT, null, null).label(label);
    }

    /**
     * A YIELD completion: already finished and succeeded. Returning {@code IOResult.io(yielded())}
     * means "let the others run, then call me again".
     *
     * @return a finished completion
     */
    public static Completion yielded() {
        Completion c = new Completion(CompletionKind.YIELD, null, null);
        c.state = SUCCEEDED;
        return c;
    }

    /** Creates the completion of a group; only {@link CompletionGroup#build} calls this. */
    static Completion group(CompletionGroup source, CompletionCallback callback) {
        Completion c = new Completion(CompletionKind.GROUP, null, callback);
        c.source = source;
        return c;
    }

    /** @return what this completion tracks */
    public CompletionKind kind() {
        return kind;
    }

    /**
     * The buffer of a READ completion.
     *
     * @return the buffer
     * @throws IllegalStateException when this is not a READ completion
     */
    public byte[] buffer() {
        if (buffer == null) {
            throw new IllegalStateException("buffer() on a " + kind + " completion (only READ carries a buffer)");
        }
        return buffer;
    }

    /** @return true once a result (success or error) is set */
    public boolean finished() {
        return state != PENDING;
    }

    /** @return true when finished without error */
    public boolean succeeded() {
        return state == SUCCEEDED;
    }

    /** @return true when finished with an error */
    public boolean failed() {
        return state == FAILED;
    }

    /** @return the error when {@link #failed()}, else {@code null} */
    public CompletionError error() {
        return error;
    }

    /** @return the integer result of a succeeded completion (bytes transferred for READ/WRITE), else 0 */
    public int result() {
        return result;
    }

    /**
     * Sets the label, replacing any earlier one.
     *
     * @param label what this completion waits for, e.g. {@code "WAL sync of bank.db-wal"}
     * @return this completion
     * @throws NullPointerException when {@code label} is null
     */
    public Completion label(String label) {
        this.label = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * Sets a label formatted only when read ({@link CompletionLabel#text()}), replacing any earlier one.
     *
     * @param label what this completion waits for
     * @return this completion
     * @throws NullPointerException when {@code label} is null
     */
    public Completion label(CompletionLabel label) {
        this.label = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * Sets the label unless one is set already: how a backend labels a request ({@code "read 4096 bytes at
     * offset 0 of bank.db"}) without hiding the caller's own label ({@code "read page 1 of bank.db"}).
     *
     * @param label what this completion waits for
     * @return this completion
     * @throws NullPointerException when {@code label} is null
     */
    public Completion labelIfAbsent(CompletionLabel label) {
        Objects.requireNonNull(label, "label");
        if (this.label == null) {
            this.label = label;
        }
        return this;
    }

    /**
     * Sets the label unless one is set already (see {@link #labelIfAbsent(CompletionLabel)}).
     *
     * @param label what this completion waits for
     * @return this completion
     * @throws NullPointerException when {@code label} is null
     */
    public Completion labelIfAbsent(String label) {
        Objects.requireNonNull(label, "label");
        if (this.label == null) {
            this.label = label;
        }
        return this;
    }

    /** @return the label's text (a lazy label is formatted now), or {@code null} when it has none */
    public String label() {
        Object l = label;
        if (l == null || l instanceof String) {
            return (String) l;
        }
        return ((CompletionLabel) l).text();
    }

    /** @return the group this completion was added to, or {@code null} */
    public CompletionGroup group() {
        return group;
    }

    /**
     * Finishes with success and a result (bytes transferred for reads and writes).
     *
     * @param result the result
     * @return true when this call set the result, false when it was already set
     */
    public boolean complete(int result) {
        if (state != PENDING) {
            return false;
        }
        this.result = result;
        this.state = SUCCEEDED;
        notifyFinished();
        return true;
    }

    /**
     * Finishes with success and result 0.
     *
     * @return true when this call set the result
     */
    public boolean succeed() {
        return complete(0);
    }

    /**
     * Finishes with an error.
     *
     * @param error the error
     * @return true when this call set the result, false when it was already set
     */
    public boolean fail(CompletionError error) {
        Objects.requireNonNull(error, "error");
        if (state != PENDING) {
            return false;
        }
        this.error = error;
        this.state = FAILED;
        notifyFinished();
        return true;
    }

    /**
     * Finishes with {@link ErrorCode#ABORTED}. Aborting a GROUP completion cancels its group: every
     * unfinished child is aborted, and the group finishes once they all have.
     *
     * @return true when this call set the result
     */
    public boolean abort() {
        if (state != PENDING) {
            return false;
        }
        if (source != null) {
            source.cancel();
            return state != PENDING;
        }
        return fail(CompletionError.ABORTED);
    }

    /**
     * Registers a waiter told once when this completion finishes. When it has finished already the
     * waiter is told at once, before this method returns.
     *
     * @param waiter the waiter
     */
    public void onFinish(CompletionCallback waiter) {
        Objects.requireNonNull(waiter, "waiter");
        if (state != PENDING) {
            waiter.onFinished(this);
            return;
        }
        if (firstWaiter == null) {
            firstWaiter = waiter;
        } else {
            if (moreWaiters == null) {
                moreWaiters = new ArrayList<>(2);
            }
            moreWaiters.add(waiter);
        }
    }

    void attachTo(CompletionGroup g) {
        if (group != null) {
            throw new IllegalStateException("completion " + this + " already belongs to a group");
        }
        group = g;
    }

    private void notifyFinished() {
        CompletionCallback cb = callback;
        callback = null;
        cb.onFinished(this);
        if (group != null) {
            group.childFinished(this);
        }
        CompletionCallback w = firstWaiter;
        if (w != null) {
            firstWaiter = null;
            w.onFinished(this);
            ArrayList<CompletionCallback> more = moreWaiters;
            if (more != null) {
                moreWaiters = null;
                for (int i = 0; i < more.size(); i++) {
                    more.get(i).onFinished(this);
                }
            }
        }
    }

    /**
     * @return the label and the state when labelled ({@code "read page 7 of bank.db (pending)"},
     *         {@code "mutex A, held by fiber 1 (ok(0))"}), else the kind and the state ({@code "WRITE[pending]"})
     */
    @Override
    public String toString() {
        String s = switch (state) {
            case PENDING -> "pending";
            case SUCCEEDED -> "ok(" + result + ")";
            default -> "failed(" + error + ")";
        };
        String l = label();
        return l == null ? kind + "[" + s + "]" : l + " (" + s + ")";
    }
}
