package org.transitionnet.ig.pack;

import org.hl7.fhir.instance.model.api.IBaseResource;

/** One resource of the package with the folder it goes into ("package" or "package/example"). */
public record PackageResource(IBaseResource resource, boolean example) {

    public String fileName() {
        return resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
    }
}
