package org.transitionnet.server.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class SampleBundlesTest {

    @Test
    void theQuickStartSampleIsPackagedAndItsInformationBundleComesFirst() {
        List<Resource> files =
                SampleBundles.find(new PathMatchingResourcePatternResolver(), SampleDataProperties.DEFAULT_LOCATION);

        assertThat(files)
                .extracting(SampleBundles::name)
                .containsExactly(
                        "information.json.gz",
                        "Brock407_Hintz995_40bef2fb-ee47-4089-b99b-1c6bc43fe217.json.gz",
                        "Cleotilde229_Kali995_Kutch271_38cc48b8-cb44-1e20-32e8-5b7e5d4bae20.json.gz",
                        "Enrique929_Schimmel440_b0fc3374-c40b-8591-0cc4-d6ffc383e5a4.json.gz");
        assertThat(SampleBundles.read(files.get(0))).startsWith("{").contains("\"resourceType\"");
    }
}
