package org.transitionnet.ig.pack;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Adds snapshots to the differential StructureDefinitions SUSHI writes. Shipping snapshots lets
 * tools that do not generate them (form builders, documentation, some validators) use the
 * package; HAPI and the HL7 validator work either way.
 *
 * <p>HAPI's generator marks each snapshot with the tools extension {@code snapshot-base-version}, which
 * is defined in a package (hl7.fhir.uv.tools) this package does not depend on; validators then report
 * the extension as unknown. The base version is already the package's {@code fhirVersion}, so the
 * mark is removed.
 */
public final class SnapshotGenerator {

    /** Tools extension HAPI adds to generated snapshots; see the class comment. */
    static final String SNAPSHOT_BASE_VERSION = "http://hl7.org/fhir/tools/StructureDefinition/snapshot-base-version";

    private final FhirContext ctx;

    public SnapshotGenerator(FhirContext ctx) {
        this.ctx = ctx;
    }

    /** Returns the definitions with snapshots, in the given order; conformance resources give context. */
    public List<StructureDefinition> withSnapshots(
            List<StructureDefinition> definitions, List<IBaseResource> otherConformance) {
        PrePopulatedValidationSupport local = new PrePopulatedValidationSupport(ctx);
        definitions.forEach(local::addStructureDefinition);
        otherConformance.forEach(local::addResource);
        SnapshotGeneratingValidationSupport snapshots = new SnapshotGeneratingValidationSupport(ctx);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                local,
                new InMemoryTerminologyServerValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx),
                snapshots);
        ValidationSupportContext context = new ValidationSupportContext(chain);
        return definitions.stream().map(sd -> generate(sd, snapshots, context)).toList();
    }

    private StructureDefinition generate(
            StructureDefinition sd, IValidationSupport snapshots, ValidationSupportContext context) {
        StructureDefinition copy = sd.copy();
        IBaseResource generated = snapshots.generateSnapshot(context, copy, sd.getUrl(), sd.getUrl(), sd.getName());
        StructureDefinition result = generated instanceof StructureDefinition s ? s : copy;
        if (!result.hasSnapshot() || result.getSnapshot().getElement().isEmpty()) {
            throw new IllegalStateException("No snapshot could be generated for " + sd.getUrl());
        }
        result.getSnapshot().getExtension().removeIf(e -> SNAPSHOT_BASE_VERSION.equals(e.getUrl()));
        result.getExtension().removeIf(e -> SNAPSHOT_BASE_VERSION.equals(e.getUrl()));
        return result;
    }
}
