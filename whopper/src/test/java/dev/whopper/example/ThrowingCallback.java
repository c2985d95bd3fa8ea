package dev.whopper.example;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionCallback;

/** Code under test outside the simulator's packages: a completion callback with a bug. */
public final class ThrowingCallback implements CompletionCallback {
    @Override
    public void onFinished(Completion completion) {
        throw new IllegalStateException("callback bug");
    }
}
