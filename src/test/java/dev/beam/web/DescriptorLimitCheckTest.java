package dev.beam.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DescriptorLimitCheckTest {

    @Test
    void readsTheSoftLimitOfOpenFiles() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             63704                63704                processes
                Max open files            4096                 524288               files
                """;

        assertEquals(OptionalLong.of(4096), DescriptorLimitCheck.openFilesLimit(limits));
    }

    @Test
    void anUnlimitedOrMissingLimitIsUnknown() {
        assertEquals(OptionalLong.empty(), DescriptorLimitCheck.openFilesLimit("Max open files  unlimited  unlimited  files\n"));
        assertEquals(OptionalLong.empty(), DescriptorLimitCheck.openFilesLimit(""));
    }
}
