package org.transitionnet.server.record.mapping;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.ActionKind;
import org.transitionnet.catalogue.MappingCatalogue;

/**
 * Places recorded actions in the action hierarchy by the catalogue's codes, the same way for every
 * kind: a class matches when one of the concepts of a code element holds a code of a class code list
 * that element is matched against; the kind's selection then keeps every matching class or the most
 * specific one. Holds one {@link ActionKindReader} per kind, by the resource type it reads.
 */
public class ActionClassifier {

    private final MappingCatalogue catalog;
    private final Map<String, ActionKindReader> readers = new LinkedHashMap<>();

    public ActionClassifier(MappingCatalogue catalog) {
        this(catalog, FhirContext.forR4Cached());
    }

    public ActionClassifier(MappingCatalogue catalog, FhirContext fhir) {
        this.catalog = catalog;
        catalog.actionKinds().forEach(kind -> readers.put(kind.resourceType(), new ActionKindReader(kind, fhir)));
    }

    public MappingCatalogue catalog() {
        return catalog;
    }

    /** The reader of the kind recorded in this resource type, if any kind is. */
    public Optional<ActionKindReader> readerOf(String resourceType) {
        return Optional.ofNullable(readers.get(resourceType));
    }

    /** The classes of the kind that the recorded concepts name, as the kind's selection says. */
    public List<ActionClass> classify(ActionKind kind, Map<ActionKind.CodeElement, List<CodeableConcept>> concepts) {
        List<ActionClass> matching = new ArrayList<>();
        for (ActionClass c : catalog.actionClassesOf(kind)) {
            boolean matches = concepts.entrySet().stream()
                    .anyMatch(e -> e.getKey().classCodes().stream()
                            .flatMap(list -> c.codes(list).stream())
                            .anyMatch(code ->
                                    e.getValue().stream().anyMatch(concept -> Codes.matchesAny(code, concept))));
            if (matches) {
                matching.add(c);
            }
        }
        if (kind.selection() == ActionKind.Selection.EVERY || matching.size() <= 1) {
            return matching;
        }
        ActionClass best = matching.get(0);
        for (ActionClass c : matching) {
            if (catalog.lineage(c).size() > catalog.lineage(best).size()) {
                best = c;
            }
        }
        return List.of(best);
    }
}
