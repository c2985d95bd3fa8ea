package dev.whopper.core.storage.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PageEnvelopeTest {
    @Test
    void pageSizes() {
        assertTrue(PageEnvelope.validPageSize(512));
        assertTrue(PageEnvelope.validPageSize(65536));
        assertFalse(PageEnvelope.validPageSize(256));
        assertFalse(PageEnvelope.validPageSize(131072));
        assertFalse(PageEnvelope.validPageSize(1000));
        assertEquals(4088, PageEnvelope.usableSize(4096));
    }

    @Property(tries = 200)
    void everySingleBitFlipIsDetected(@ForAll @IntRange(min = 0, max = 511) int offset, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] p = new byte[512];
        for (int i = 0; i < 504; i++) {
            p[i] = (byte) (i * 31);
        }
        PageEnvelope.seal(p, 7);
        assertNull(PageEnvelope.verify(p, 7));
        p[offset] ^= (byte) (1 << bit);
        String problem = PageEnvelope.verify(p, 7);
        assertNotNull(problem);
        assertTrue(problem.startsWith("page 7:"), problem);
    }

    @Test
    void misdirectedPageIsDetected() {
        byte[] p = new byte[512];
        PageEnvelope.seal(p, 3);
        assertTrue(PageEnvelope.verify(p, 4).contains("trailer names page 3"));
    }

    @Test
    void headerRoundTrip() {
        HeaderPage h = new HeaderPage(1024, 17, 5, 2, 9, 123456789012L);
        byte[] p = h.toPage();
        assertNull(PageEnvelope.verify(p, 1));
        assertEquals(h, HeaderPage.decode(p));
        assertTrue(HeaderPage.hasMagic(p));
        p[0] = 'X';
        assertFalse(HeaderPage.hasMagic(p));
    }

    @Test
    void freelistPage() {
        byte[] p = FreelistPage.create(512, 42);
        assertTrue(FreelistPage.isFree(p));
        assertEquals(42, FreelistPage.next(p));
        assertFalse(FreelistPage.isFree(new byte[512]));
    }
}
