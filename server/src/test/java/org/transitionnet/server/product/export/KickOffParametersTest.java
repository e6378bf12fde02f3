package org.transitionnet.server.product.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KickOffParametersTest {

    @Test
    void bulkDataParametersTheExportDoesNotImplementAreUnsupported() {
        assertThat(KickOffParameters.unsupported(List.of(
                        "_type",
                        "_typeFilter",
                        "_since",
                        "patient",
                        "_elements",
                        "includeAssociatedData",
                        "_typeFilter",
                        "_outputFormat",
                        "_k",
                        "_push",
                        "_pseudonyms",
                        "_format")))
                .containsExactly("_typeFilter", "patient", "_elements", "includeAssociatedData");
    }

    @Test
    void lenientHandlingIsReadFromAnyPreferHeader() {
        assertThat(KickOffParameters.lenient(List.of("respond-async, handling=lenient")))
                .isTrue();
        assertThat(KickOffParameters.lenient(List.of("respond-async", "handling = lenient")))
                .isTrue();
        assertThat(KickOffParameters.lenient(List.of("respond-async; handling=lenient")))
                .isTrue();
        assertThat(KickOffParameters.lenient(List.of("respond-async"))).isFalse();
        assertThat(KickOffParameters.lenient(List.of("respond-async, handling=strict")))
                .isFalse();
        assertThat(KickOffParameters.lenient(List.of())).isFalse();
    }
}
