package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;

/** A released TransitionBundle keeps only the adverse events its release policy releases, in every place it names them. */
class BundleAdverseEventsTest {

    private static final AdverseEventPolicy POLICY = AdverseEventPolicy.defaults(
            new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/"));

    private static final String BUNDLE = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"resource":{"resourceType":"Observation","id":"t1","extension":[
              {"url":"http://transitionnet.org/fhir/StructureDefinition/action-class","valueCoding":{"code":"metformin"}},
              {"url":"http://transitionnet.org/fhir/StructureDefinition/adverse-event","extension":[
               {"url":"event","valueReference":{"reference":"Condition/abuse"}},
               {"url":"eventClass","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"706893006"}]}}]},
              {"url":"http://transitionnet.org/fhir/StructureDefinition/adverse-event","extension":[
               {"url":"event","valueReference":{"reference":"Condition/bronchitis"}},
               {"url":"eventClass","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"10509002"}]}}]}]}},
             {"resource":{"resourceType":"Provenance","id":"p1","entity":[
              {"role":"source","what":{"reference":"MedicationRequest/m1"}},
              {"role":"source","what":{"reference":"Condition/abuse"}},
              {"role":"source","what":{"reference":"Condition/bronchitis"}}]}}]}
            """;

    @Test
    void aWithheldFindingLeavesTheTransitionAndTheProvenance() {
        String released = BundleAdverseEvents.withholding(BUNDLE, POLICY);
        assertThat(released).doesNotContain("706893006", "Condition/abuse");
        assertThat(released).contains("10509002", "Condition/bronchitis", "MedicationRequest/m1", "action-class");
        assertThat(BundleAdverseEvents.hasAdverseEvent(released)).isTrue();
    }

    @Test
    void aSuppressedOutcomeLeavesNoAdverseEventAtAll() {
        String released = BundleAdverseEvents.withoutAdverseEvents(BUNDLE);
        assertThat(released).doesNotContain("adverse-event", "Condition/");
        assertThat(released).contains("MedicationRequest/m1", "action-class");
        assertThat(BundleAdverseEvents.hasAdverseEvent(released)).isFalse();
    }

    @Test
    void aBundleWithoutAdverseEventsIsUnchanged() {
        String plain = "{\"resourceType\":\"Bundle\",\"entry\":[]}";
        assertThat(BundleAdverseEvents.withholding(plain, POLICY)).isSameAs(plain);
    }
}
