package dev.whopper.workloads.bank;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.core.storage.btree.Entry;
import dev.whopper.workloads.property.PropertyViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BankPropertiesTest {
    private final BankModel model = new BankModel(2, 3, 100);
    private final BankProperties properties = new BankProperties();

    private Entry account(int i, long balance) {
        return new Entry(model.accountKey(i), BankModel.encode(balance));
    }

    @Test
    void conservationHoldsForAMoveAndCatchesMoneyLost() {
        assertDoesNotThrow(() -> properties.conservation.check(model, List.of(account(0, 90), account(1, 110)), "audit"));
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.conservation.check(model, List.of(account(0, 90)), "audit by fiber 1"));
        assertEquals(BankProperties.CONSERVATION, v.violation().property());
        assertEquals("audit by fiber 1: accounts sum to 290, expected 300 (1 of 3 accounts stored: acct/0000=90)",
            v.violation().message());
    }

    @Test
    void durabilityCatchesALostAcknowledgedCommitAndOneNeverAttempted() {
        model.attempted(0, 3);
        model.acknowledged(0, 2);
        assertDoesNotThrow(() -> properties.durability.check(model, new long[] {3, 0}, (f, seq) -> false, "after recovery #1"));
        PropertyViolation lost = assertThrows(PropertyViolation.class,
            () -> properties.durability.check(model, new long[] {1, 0}, (f, seq) -> false, "after recovery #1"));
        assertEquals("after recovery #1 fiber 0 shows commit #1, but #2 was acknowledged and #3 was the last attempted",
            lost.violation().message());
        PropertyViolation phantom = assertThrows(PropertyViolation.class,
            () -> properties.durability.check(model, new long[] {4, 0}, (f, seq) -> false, "after recovery #2"));
        assertEquals(BankProperties.DURABILITY, phantom.violation().property());
    }

    @Test
    void aBitFlipExcusesTheAcknowledgedCommitsItCutOffAndCountsThem() {
        model.attempted(0, 5);
        model.acknowledged(0, 5);
        long[] asked = new long[2];
        assertDoesNotThrow(() -> properties.durability.check(model, new long[] {3, 0}, (f, seq) -> {
            asked[0] = f;
            asked[1] = seq;
            return true;
        }, "after recovery #1"));
        assertEquals(0, asked[0]);
        assertEquals(4, asked[1], "the excuse is asked about the first lost commit, #4");
        assertEquals(2, properties.durability.commitsLostToBitRot);
        assertEquals(3, model.ackedSeq[0]);
    }

    @Test
    void aBitFlipThatDidNotHitTheLostCommitExcusesNothing() {
        model.attempted(0, 5);
        model.acknowledged(0, 5);
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.durability.check(model, new long[] {3, 0}, (f, seq) -> false, "after recovery #1"));
        assertEquals(BankProperties.DURABILITY, v.violation().property());
        assertEquals(0, properties.durability.commitsLostToBitRot);
    }

    @Test
    void theModelRemembersWhereEachAcknowledgedCommitEnds() {
        model.acknowledgedAt(1, 3, 4_096);
        model.acknowledgedAt(1, 40, 8_192); // grows
        model.acknowledgedAt(1, 41, Long.MAX_VALUE);
        assertEquals(4_096, model.acknowledgedWalEnd(1, 3));
        assertEquals(8_192, model.acknowledgedWalEnd(1, 40));
        assertEquals(Long.MAX_VALUE, model.acknowledgedWalEnd(1, 41));
        assertEquals(-1, model.acknowledgedWalEnd(1, 4), "not recorded");
        assertEquals(-1, model.acknowledgedWalEnd(0, 100), "beyond the arrays");
    }

    @Test
    void integrityAndNoCorruptionNameTheirProblem() {
        assertDoesNotThrow(() -> properties.integrity.check(List.of(), "at the end of the run"));
        PropertyViolation v = assertThrows(PropertyViolation.class,
            () -> properties.integrity.check(List.of("page 7: bad checksum", "page 8"), "at the end of the run"));
        assertEquals("integrity: at the end of the run: 2 problem(s), first: page 7: bad checksum", v.getMessage());
        assertDoesNotThrow(() -> properties.noCorruption.check(true, "fiber 0 (read): CORRUPT"));
        assertEquals(BankProperties.NO_CORRUPTION, assertThrows(PropertyViolation.class,
            () -> properties.noCorruption.check(false, "fiber 0 (read): CORRUPT")).violation().property());
    }
}
