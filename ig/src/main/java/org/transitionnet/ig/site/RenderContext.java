package org.transitionnet.ig.site;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/** What a page needs besides its own resource: the whole package, the link table and a FHIR parser. */
record RenderContext(PackageContents contents, SiteLinks links, FhirContext fhir) {

    /** Pretty-printed JSON of a resource, as it is in the package. */
    String json(Resource resource) {
        return fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    /** A value for a table cell: primitives as their text, anything else as compact JSON. */
    String valueText(Type value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value.isPrimitive()) {
            return value.primitiveValue();
        }
        return fhir.newJsonParser().encodeToString(value);
    }

    /** The package's examples that claim the given profile in {@code meta.profile}. */
    List<Resource> examplesOf(String profileUrl) {
        return contents.examples().stream()
                .filter(e -> e.getMeta().getProfile().stream()
                        .map(CanonicalType::getValue)
                        .anyMatch(p -> p.equals(profileUrl) || p.startsWith(profileUrl + "|")))
                .toList();
    }
}
