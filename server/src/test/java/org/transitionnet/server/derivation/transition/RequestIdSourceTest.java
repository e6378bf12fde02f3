package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** Copies in a TransitionBundle keep the source system of {@code meta.source} but not HAPI's request id. */
class RequestIdSourceTest {

    @Test
    void aSourceOfOnlyARequestIdIsDropped() {
        Observation copy = new Observation();
        copy.getMeta().setSource("#wrioPOOw8fWxCo7m");

        TransitionBundleAssembler.withoutRequestId(copy);

        assertThat(copy.getMeta().hasSource()).isFalse();
    }

    @Test
    void theSourceSystemStaysWithoutTheRequestId() {
        Observation copy = new Observation();
        copy.getMeta().setSource("http://ehr.example.org#wrioPOOw8fWxCo7m");

        TransitionBundleAssembler.withoutRequestId(copy);

        assertThat(copy.getMeta().getSource()).isEqualTo("http://ehr.example.org");
    }

    @Test
    void aSourceWithoutRequestIdIsKept() {
        Observation copy = new Observation();
        copy.getMeta().setSource("http://ehr.example.org");

        TransitionBundleAssembler.withoutRequestId(copy);

        assertThat(copy.getMeta().getSource()).isEqualTo("http://ehr.example.org");
    }
}
