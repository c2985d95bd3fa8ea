package dev.whopper.sim.shrink;

/** One way of making a failing run smaller; it keeps only candidates that still fail the same way. */
interface ShrinkPass {
    /**
     * @param state the shrink in progress: try candidates through it, keep them with {@link ShrinkState#accept}
     * @param <S>   the world type
     */
    <S> void shrink(ShrinkState<S> state);
}
