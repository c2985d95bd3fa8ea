package dev.whopper.workloads.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.whopper.workloads.property.Blamed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whom a broken conservation blames: the transfers whose writes overlapped the audit, part-way ones first. */
class TransferLogTest {
    private final BankModel model = new BankModel(4, 8, 100);
    private final TransferLog log = new TransferLog(4);

    @Test
    void anAuditBlamesTheTransfersThatWerePartWayOrCommittedWhileItRan() {
        TransferLog.Entry before = log.begin(1, 3, 100, 0, 1, 5, 1);
        TransferLog.wrote(before, 110);
        TransferLog.wrote(before, 120);
        log.end(before, 130, true, "transfer"); // committed before the audit began: not blamed
        TransferLog.Entry committed = log.begin(1, 4, 900, 2, 3, 7, 2);
        TransferLog.wrote(committed, 910);
        TransferLog.wrote(committed, 920);
        log.end(committed, 1_100, true, "transfer"); // committed while the audit ran
        TransferLog.Entry halfDone = log.begin(2, 9, 950, 4, 5, 9, 1);
        TransferLog.wrote(halfDone, 1_050); // debited, not yet credited
        TransferLog.Entry notWritten = log.begin(3, 2, 1_000, 6, 7, 1, 1); // has written nothing
        TransferLog.Entry own = log.begin(0, 1, 990, 0, 2, 4, 1); // the auditor's own fiber
        TransferLog.wrote(own, 995);
        List<Blamed> blamed = log.culprits(0, 1_000, 1_200, model);
        assertEquals(List.of(
            new Blamed(2, 9, 950, 1_200, "transfer acct/0004 -> acct/0005 (9) was part-way: it had debited acct/0004 but not"
                + " yet credited acct/0005 when the audit scanned"),
            new Blamed(1, 4, 900, 1_100, "transfer acct/0002 -> acct/0003 (7) committed while the audit ran")), blamed);
        assertEquals(0, notWritten.written);
    }

    @Test
    void aRecoveryThatLostAcknowledgedCommitsBlamesTheirTransfers() {
        for (int seq = 1; seq <= 3; seq++) {
            TransferLog.Entry e = log.begin(2, 10 + seq, 100L * seq, 0, 1, seq, seq);
            TransferLog.acknowledged(e);
            if (seq < 3) {
                log.end(e, 100L * seq + 50, true, "transfer");
            } // #3: acknowledged early, then a crash abandoned it
        }
        log.begin(2, 14, 400, 0, 1, 4, 4); // the fiber's next transfer: never acknowledged
        log.begin(2, 15, 500, 0, 1, 4, 4); // rolled back and retried with the same number
        assertEquals(List.of(new Blamed(2, 13, 300, 400, "transfer acct/0000 -> acct/0001 (3) was acknowledged as commit #3"
            + " and is not there after the recovery")), log.lost(2, 2, 4, model));
    }

    @Test
    void manyConcurrentCommittersAreBlamedUpToTheBound() {
        TransferLog wide = new TransferLog(41);
        for (int f = 1; f <= 40; f++) {
            TransferLog.Entry e = wide.begin(f, 0, 100, 0, 1, 1, 1);
            TransferLog.wrote(e, 110);
            TransferLog.wrote(e, 120);
            wide.end(e, 1_000 + f, true, "transfer");
        }
        List<Blamed> blamed = wide.culprits(0, 500, 2_000, new BankModel(41, 8, 100));
        assertEquals(TransferLog.MAX_BLAMED, blamed.size());
        assertEquals(1, blamed.get(0).fiber(), "in fiber order");
    }

    @Test
    void aTransferThatEndedAfterItsDebitIsBlamedByEveryLaterAudit() {
        TransferLog.Entry broken = log.begin(1, 5, 100, 0, 1, 6, 1);
        TransferLog.wrote(broken, 110);
        log.end(broken, 120, false, "busy");
        for (int i = 0; i < TransferLog.PER_FIBER + 2; i++) {
            log.end(log.begin(1, 6 + i, 200 + i, 2, 3, 1, 2 + i), 201 + i, false, "insufficient"); // pushes it out of the recent ones
        }
        assertEquals(List.of(new Blamed(1, 5, 100, 120, "transfer acct/0000 -> acct/0001 (6) debited acct/0000 and ended"
            + " (busy) without crediting acct/0001")), log.culprits(2, 5_000, 6_000, model));
    }
}
