package dev.whopper.workloads.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutexTest {
    @Test
    void theFirstLockerOwnsItAndTheOthersWaitOnALabelledCompletion() {
        Mutex m = new Mutex("A");
        assertEquals("A", m.name());
        assertEquals(-1, m.owner());
        assertFalse(m.held());
        assertNull(m.lock(1));
        assertEquals(1, m.owner());
        assertTrue(m.held());
        Completion w2 = m.lock(2);
        Completion w0 = m.lock(0);
        assertNotNull(w2);
        assertEquals(CompletionKind.WAIT, w2.kind());
        assertFalse(w2.finished());
        assertEquals("mutex A, held by fiber 1", w2.label());
        assertEquals("mutex A, held by fiber 1 (pending)", w0.toString());
        assertEquals(List.of(2, 0), m.waiters());
        assertEquals("mutex A, held by fiber 1, waiters [2, 0]", m.toString());
    }

    @Test
    void unlockWakesEveryWaiterInTheOrderTheyStartedWaitingAndEachRetries() {
        Mutex m = new Mutex("A");
        assertNull(m.lock(1));
        List<String> woken = new ArrayList<>();
        for (int fiber : new int[] {3, 0, 2}) {
            m.lock(fiber).onFinish(c -> woken.add("fiber " + fiber));
        }
        assertEquals(3, m.unlock(1));
        assertEquals(List.of("fiber 3", "fiber 0", "fiber 2"), woken);
        assertEquals(-1, m.owner());
        assertEquals(List.of(), m.waiters());
        // Woken waiters retry: the first to retry takes it, the others wait again.
        assertNull(m.lock(0));
        Completion again = m.lock(3);
        assertEquals("mutex A, held by fiber 0 (pending)", again.toString());
        assertEquals(List.of(3), m.waiters());
        assertEquals(1, m.unlock(0));
        assertTrue(again.succeeded());
        assertNull(m.lock(4));
        assertEquals(0, m.unlock(4)); // nobody waiting
    }

    @Test
    void tryLockNeverWaits() {
        Mutex m = new Mutex("B");
        assertTrue(m.tryLock(2));
        assertFalse(m.tryLock(1));
        assertEquals(List.of(), m.waiters());
        assertEquals(2, m.owner());
    }

    @Test
    void unlockByANonOwnerThrowsAndNamesTheOwner() {
        Mutex m = new Mutex("A");
        assertEquals("mutex A: unlocked by fiber 2, but it is not held",
            assertThrows(IllegalStateException.class, () -> m.unlock(2)).getMessage());
        assertNull(m.lock(1));
        assertEquals("mutex A: unlocked by fiber 2, but it is held by fiber 1",
            assertThrows(IllegalStateException.class, () -> m.unlock(2)).getMessage());
        assertEquals(1, m.owner()); // unchanged
    }

    @Test
    void itIsNotReentrantAndChecksItsArguments() {
        Mutex m = new Mutex("A");
        assertNull(m.lock(1));
        assertEquals("mutex A: fiber 1 locks it again (it holds it already; not reentrant)",
            assertThrows(IllegalStateException.class, () -> m.lock(1)).getMessage());
        assertEquals("fiber: -1 (expected: >= 0)",
            assertThrows(IllegalArgumentException.class, () -> m.lock(-1)).getMessage());
        assertEquals("name: \"\" (expected: a non-empty name)",
            assertThrows(IllegalArgumentException.class, () -> new Mutex("")).getMessage());
        assertThrows(NullPointerException.class, () -> new Mutex(null));
    }

    @Test
    void aWaiterFinishedElsewhereIsNoLongerListed() {
        Mutex m = new Mutex("A");
        assertNull(m.lock(0));
        Completion w = m.lock(1);
        m.lock(2);
        w.abort(); // e.g. a crash abandoned the fiber
        assertEquals(List.of(2), m.waiters());
    }

    @Test
    void aSignalWaitIsAWaitCompletionNamedAfterTheSignal() {
        Signal s = new Signal("opened");
        assertEquals("opened", s.name());
        Completion c = s.await();
        assertEquals(CompletionKind.WAIT, c.kind());
        assertEquals("signal \"opened\" (pending)", c.toString());
        assertEquals(1, s.signalAll());
        assertEquals("signal \"opened\" (ok(0))", c.toString());
        assertEquals("signal \"unnamed\"", new Signal().await().label());
        assertEquals("name: \"\" (expected: a non-empty name)",
            assertThrows(IllegalArgumentException.class, () -> new Signal("")).getMessage());
    }
}
