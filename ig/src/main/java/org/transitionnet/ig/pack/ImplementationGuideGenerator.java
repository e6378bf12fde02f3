package org.transitionnet.ig.pack;

import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.ImplementationGuide.ImplementationGuideDefinitionResourceComponent;
import org.hl7.fhir.r4.model.ImplementationGuide.SPDXLicense;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The ImplementationGuide resource of the package, listing every resource the package ships. It is
 * generated from the package contents (SUSHI writes none when it only compiles FSH), so the list
 * cannot fall out of step with the files: an example names the profile it illustrates.
 */
public final class ImplementationGuideGenerator {

    /** The guide for the given resources; its id and the last segment of its URL are the package name. */
    public ImplementationGuide generate(IgConfig config, List<PackageResource> resources) {
        ImplementationGuide ig = new ImplementationGuide();
        ig.setId(config.packageName());
        ig.setUrl(config.canonical() + "/ImplementationGuide/" + config.packageName());
        ig.setVersion(config.version());
        ig.setName(config.name());
        ig.setTitle(config.title());
        ig.setStatus(PublicationStatus.ACTIVE);
        ig.setExperimental(false);
        ig.setPublisher(IgConfig.PUBLISHER);
        ig.setDescription(config.description());
        ig.setPackageId(config.packageName());
        ig.setLicense(SPDXLicense.CC0_1_0);
        ig.addFhirVersion(FHIRVersion.fromCode(config.fhirVersion()));
        resources.stream()
                .sorted(Comparator.comparing(PackageResource::example).thenComparing(PackageResource::fileName))
                .forEach(r -> ig.getDefinition().addResource(entry(r)));
        return ig;
    }

    private static ImplementationGuideDefinitionResourceComponent entry(PackageResource r) {
        IBaseResource resource = r.resource();
        ImplementationGuideDefinitionResourceComponent entry = new ImplementationGuideDefinitionResourceComponent()
                .setReference(new Reference(
                        resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
        if (resource instanceof MetadataResource m) {
            entry.setName(m.hasTitle() ? m.getTitle() : m.getName());
            entry.setDescription(m.getDescription());
        } else {
            entry.setName(resource.fhirType() + " " + resource.getIdElement().getIdPart());
        }
        if (!r.example()) {
            entry.setExample(new BooleanType(false));
        } else {
            List<String> profiles = ((Resource) resource)
                    .getMeta().getProfile().stream()
                            .map(CanonicalType::getValue)
                            .toList();
            if (profiles.isEmpty()) {
                entry.setExample(new BooleanType(true));
            } else {
                entry.setExample(new CanonicalType(profiles.get(0)));
            }
        }
        return entry;
    }
}
