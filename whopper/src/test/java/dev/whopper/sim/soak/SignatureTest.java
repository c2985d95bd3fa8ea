package dev.whopper.sim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.whopper.sim.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureTest {
    @Test
    void numbersAndListingsDoNotSplitAGroup() {
        Outcome a = new Outcome.Violation("bank-conservation", "audit by fiber 3: sum 990, expected 1000 (2 of 3 stored: "
            + "acct/1=5 acct/2=7 acct/3=9)", 40, 4000, 3);
        Outcome b = new Outcome.Violation("bank-conservation", "audit by fiber 12: sum 17, expected 1000 (5 of 6 stored: "
            + "acct/1=5 acct/2=7 acct/3=9 acct/4=1 acct/5=0)", 90, 9000, 12);
        assertEquals(Signature.of(a), Signature.of(b));
        assertEquals("VIOLATION bank-conservation: audit by fiber #: sum #, expected # (# of # stored: acct/#=# ...)",
            Signature.of(a));
    }

    @Test
    void propertiesKindsAndShapesAreTold() {
        Outcome v = new Outcome.Violation("p", "x went down", 1, 1, 0);
        Outcome w = new Outcome.Violation("q", "x went down", 1, 1, 0);
        Outcome shape = new Outcome.Violation("p", "x went up", 1, 1, 0);
        assertEquals(3, java.util.Set.of(Signature.of(v), Signature.of(w), Signature.of(shape)).size());
        Outcome d1 = new Outcome.Deadlock(5, 5, List.of("fiber 1 (transfer) blocked on mutex A, held by fiber 2",
            "fiber 2 (transfer) blocked on mutex B, held by fiber 1"));
        Outcome d2 = new Outcome.Deadlock(9, 9, List.of("fiber 7 (transfer) blocked on mutex B, held by fiber 3",
            "fiber 3 (transfer) blocked on mutex A, held by fiber 7", "fiber 0 (transfer) blocked on mutex A, held by fiber 7"));
        assertEquals(Signature.of(d1), Signature.of(d2));
        assertEquals("LIVENESS: commit did not finish", Signature.of(new Outcome.Liveness(1, "commit", 1, 1, 1)));
        assertNull(Signature.of(Outcome.Passed.COMPLETE));
    }
}
