package org.transitionnet.ig.terminology;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MetadataResource;
import org.transitionnet.catalogue.MappingCatalogue;

/** All terminology resources derived from the mapping catalogue, in a stable order. */
public final class TerminologyGenerator {

    private final StateVariableTerminology stateVariables;
    private final ActionClassTerminology actionClasses;

    public TerminologyGenerator(String canonical, String igVersion, String catalogueVersion, String publisher) {
        TerminologyUrls urls = new TerminologyUrls(canonical);
        ResourceMetadata metadata = new ResourceMetadata(igVersion, catalogueVersion, publisher);
        this.stateVariables = new StateVariableTerminology(urls, metadata);
        this.actionClasses = new ActionClassTerminology(urls, metadata);
    }

    public List<MetadataResource> generate(MappingCatalogue catalogue) {
        List<MetadataResource> resources = new ArrayList<>();
        resources.add(stateVariables.codeSystem(catalogue));
        resources.add(stateVariables.valueSet());
        resources.add(stateVariables.measurementValueSet(catalogue));
        resources.add(stateVariables.conceptMap(catalogue));
        resources.add(actionClasses.codeSystem(catalogue));
        resources.add(actionClasses.valueSet());
        resources.addAll(actionClasses.conceptMaps(catalogue));
        return resources;
    }
}
