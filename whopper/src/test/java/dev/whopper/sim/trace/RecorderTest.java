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

    @Test
    void aReplayedLogThatDoesNotFitTheRunSaysWhy() {
        Recorder fits = Recorder.replaying(DecisionLog.of(new int[] {1, 0, 2}));
        fits.replayNext(2);
        fits.replayNext(2);
        fits.replayNext(3);
        assertNull(fits.replayMisfit());

        Recorder outOfRange = Recorder.replaying(DecisionLog.of(new int[] {1, 5}));
        outOfRange.replayNext(2);
        assertEquals(0, outOfRange.replayNext(3), "an out-of-range decision still replays as the default");
        assertEquals("decision 1 is 5, but the run had 3 choice(s) there", outOfRange.replayMisfit());

        Recorder tooShort = Recorder.replaying(DecisionLog.of(new int[] {1}));
        tooShort.replayNext(2);
        tooShort.replayNext(2);
        assertEquals("the run needed 2 decisions, the log has 1", tooShort.replayMisfit());

        Recorder tooLong = Recorder.replaying(DecisionLog.of(new int[] {1, 1, 1}));
        tooLong.replayNext(2);
        assertEquals("the run used 1 of the log's 3 decisions", tooLong.replayMisfit());
        assertNull(Recorder.recording(true).replayMisfit(), "no replay, nothing to fit");
    }
}
