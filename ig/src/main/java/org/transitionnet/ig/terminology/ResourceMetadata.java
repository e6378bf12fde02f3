package org.transitionnet.ig.terminology;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Common metadata of generated terminology. The version is the IG version, like every other
 * resource of the package; the description names the mapping catalogue version the content was
 * generated from. No date: the build must be reproducible, or the package would differ on every run.
 */
public record ResourceMetadata(String igVersion, String catalogueVersion, String publisher) {

    public void apply(MetadataResource resource, String id, String name, String title, String description) {
        resource.setId(id);
        resource.setVersion(igVersion);
        resource.setName(name);
        resource.setTitle(title);
        resource.setStatus(PublicationStatus.ACTIVE);
        resource.setExperimental(false);
        resource.setPublisher(publisher);
        resource.setDescription(description + " Mapping catalogue version " + catalogueVersion + ".");
    }
}
