package dev.whopper.workloads.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.workloads.kernels.RaceKernel;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.Workload;
import dev.whopper.workloads.spi.WorldContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadRegistryTest {
    @Test
    void namesTheBuiltInsInListingOrderEachOnce() {
        List<String> names = WorkloadRegistry.names();
        assertEquals(List.of("bank", "bank-non-atomic", "bank-early-ack", "checkpoint-storm", "btree-churn"), names.subList(0, 5));
        assertTrue(names.contains("lost-update") && names.contains("lost-update-fixed"), names.toString());
        assertEquals("disk-echo", names.get(names.size() - 1));
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names: " + names);
        for (RaceKernel k : RaceKernel.values()) {
            assertTrue(names.contains(k.workload().name()), k + " is listed: " + names);
        }
    }

    @Test
    void findsEachByItsNameAndRejectsAnUnknownOneListingTheKnown() {
        for (Workload<?> w : WorkloadRegistry.all()) {
            assertSame(w, WorkloadRegistry.byName(w.name()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadRegistry.byName("BANK"));
        assertEquals("BANK (expected: one of " + String.join(", ", WorkloadRegistry.names()) + ")", e.getMessage());
    }

    @Test
    void everyWorkloadDescribesItselfAndListsEveryPropertyItRegisters() {
        for (Workload<?> w : WorkloadRegistry.all()) {
            assertFalse(w.description().isBlank(), w.name());
            assertFalse(w.description().contains("\n"), w.name() + ": a description is one line");
            assertTrue(w.minConnections() >= 1 && w.defaultConnections() >= w.minConnections(), w.name());
            Set<String> listed = Set.copyOf(w.propertyNames());
            for (Property p : registered(w)) {
                assertTrue(listed.contains(p.name()), w.name() + " registers " + p.name() + " but does not list it");
            }
        }
    }

    @Test
    void theDiskWorkloadsRecoverFromCrashesAndTheKernelsCannotCrash() {
        Set<String> kernels = new HashSet<>();
        for (RaceKernel k : RaceKernel.values()) {
            kernels.add(k.workload().name());
        }
        for (Workload<?> w : WorkloadRegistry.all()) {
            boolean disk = !kernels.contains(w.name());
            assertEquals(disk, w.usesDisk(), w.name());
            assertEquals(disk, w.crashRecovery() != null, w.name());
        }
    }

    private static <S> List<Property> registered(Workload<S> w) {
        S world = w.createWorld(new WorldContext(w.usesDisk() ? MemoryIO.immediate() : null,
            Math.max(2, w.minConnections()), FaultOracle.NONE));
        return w.properties(world);
    }
}
