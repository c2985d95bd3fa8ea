package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void durationsAsTheCommandLineSpellsThem() {
        assertEquals(90_000, Durations.parseMillis("--duration", "90s"));
        assertEquals(90_000, Durations.parseMillis("--duration", "90"));
        assertEquals(5_400_000, Durations.parseMillis("--duration", "1h30m"));
        assertEquals(172_800_000, Durations.parseMillis("--duration", "2d"));
        assertEquals(500, Durations.parseMillis("--duration", "500ms"));
        assertEquals(61_500, Durations.parseMillis("--duration", "1m1s500ms"));
        for (String bad : new String[] {"", "m", "10x", "1h 30m", "-5s", "99999999999999999999d"}) {
            assertEquals("--duration: '" + bad + "' (expected: a duration like 90s, 10m, 1h30m, 2d or seconds)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis("--duration", bad)).getMessage(), bad);
        }
        assertEquals("--duration: '0s' (expected: > 0)",
            assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis("--duration", "0s")).getMessage());
    }
}
