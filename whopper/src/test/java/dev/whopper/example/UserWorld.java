package dev.whopper.example;

/** Code under test outside the simulator's packages: a world whose setup fails. */
public final class UserWorld {
    /** @param ok whether the setup succeeds */
    public UserWorld(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("cannot open the database");
        }
    }
}
