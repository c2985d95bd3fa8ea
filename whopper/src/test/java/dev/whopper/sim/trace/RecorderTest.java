package dev.whopper.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecorderTest {
    @Test
    void aPickIsLoggedInOrderWithOtherChoicesButNeitherHashedNorCounted() {
        Recorder r = Recorder.recording(true);
        long before = r.hash().state();
        assertTrue(r.recordsPicks());
        r.recordPick(3);
        assertEquals(before, r.hash().state(), "the step loop hashes a pick with its step's result");
        assertEquals(0, r.decisions(), "the step loop counts picks as the steps with a choice");
        r.record(1, 2);
        r.recordPick(200);
        assertEquals("3,1,200", r.log().toText());
        assertEquals(1, r.decisions());
    }

    @Test
    void withRecordingOffPicksGoNowhere() {
        Recorder r = Recorder.recording(false);
        assertFalse(r.recordsPicks());
        r.recordPick(3);
        assertNull(r.log());
        assertEquals(0, r.decisions());
    }
}
