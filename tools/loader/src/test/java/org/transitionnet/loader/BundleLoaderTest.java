package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLoaderTest {

    @TempDir
    Path dir;

    @Test
    void sendsTheLargestBundlesFirst() throws Exception {
        Path small = Files.writeString(dir.resolve("a.json"), "{}");
        Path large = Files.writeString(dir.resolve("b.json"), "{\"entry\": [1, 2, 3]}");
        Path medium = Files.writeString(dir.resolve("c.json"), "{\"e\": 1}");

        assertEquals(List.of(large, medium, small), BundleLoader.largestFirst(List.of(small, large, medium)));
    }
}
