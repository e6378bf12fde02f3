package org.transitionnet.server.release.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.time.Instant;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.OidType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.UrlType;
import org.hl7.fhir.r4.model.UuidType;

/**
 * Applies a {@link DeidRuleSet} to resources. Rules (FHIRPath → method, each method a {@link DeidProcessor}) decide first; whatever no
 * rule selects gets the safe default for its type, so a field the rules forgot cannot leak:
 * <ul>
 *   <li>narratives, contained resources, free text (string, markdown), attachments, annotations,
 *       urls/oids/uuids and extensions not listed as kept are removed;</li>
 *   <li>every date, dateTime and instant is shifted by the patient's keyed number of days, even below a kept element,
 *       and released no finer than the rule set's {@code clinicalTimePrecision} (by default the date only);</li>
 *   <li>times the server writes itself ({@code Bundle.timestamp}, and what {@code releaseTime} rules select) are the
 *       export's release time, the same for every subject, so no time is a server time plus a shift;</li>
 *   <li>resource ids and references become keyed pseudonyms ({@code Type/pseudonym}), consistently;</li>
 *   <li>codes, booleans, numbers, uris, canonicals and times are kept: they carry no identifiers by themselves.</li>
 * </ul>
 * Input resources are never modified; each call works on a copy.
 */
public class DeidEngine {

    private final DeidRuleSet rules;
    private final Pseudonymizer pseudonyms;
    private final DateShifter dates;
    private final Generalizer generalizer;
    private final DeidProcessors processors;
    private final Set<String> keptExtensions;
    // FHIRPath engines keep parse state; one per thread keeps the engine usable by parallel job workers.
    private final ThreadLocal<IFhirPath> fhirPath;
    private final TimeCoarsener coarsener;
    private final Instant releaseTime;

    /**
     * @param today       the day ages are computed at (for the 90+ rule of birth dates)
     * @param releaseTime the export's release time (its {@code transactionTime}), common to every subject
     */
    public DeidEngine(
            FhirContext fhirContext,
            DeidRuleSet rules,
            DeidKey key,
            int maxShiftDays,
            LocalDate today,
            Instant releaseTime) {
        this.rules = rules;
        this.coarsener = new TimeCoarsener(rules.timePrecision());
        this.releaseTime = java.util.Objects.requireNonNull(releaseTime, "releaseTime");
        this.pseudonyms = new Pseudonymizer(key);
        this.dates = new DateShifter(pseudonyms, maxShiftDays);
        this.generalizer = new Generalizer(rules.restrictedZip3());
        this.keptExtensions = Set.copyOf(rules.keepExtensions());
        this.processors = DeidProcessors.standard(pseudonyms, generalizer, today, this.releaseTime);
        this.fhirPath = ThreadLocal.withInitial(fhirContext::newFhirPath);
    }

    public Pseudonymizer pseudonyms() {
        return pseudonyms;
    }

    public DateShifter dates() {
        return dates;
    }

    public Generalizer generalizer() {
        return generalizer;
    }

    public DeidRuleSet rules() {
        return rules;
    }

    public Instant releaseTime() {
        return releaseTime;
    }

    /** The pseudonym under which the patient appears in every output of this key. */
    public String patientPseudonym(String patientId) {
        return pseudonyms.resourceId("Patient", patientId);
    }

    /**
     * A de-identified copy of one resource of the patient's record.
     *
     * @param patientId the source id of the patient whose record the resource belongs to; it keys the date shift
     */
    public Resource deidentify(Resource source, String patientId) {
        Resource copy = source.copy();
        Map<Base, DeidRule> selected = new IdentityHashMap<>();
        for (DeidRule rule : rules.rules()) {
            for (Base hit : fhirPath.get().evaluate(copy, rule.path(), Base.class)) {
                selected.putIfAbsent(hit, rule);
            }
        }
        Walk walk = new Walk(selected, dates.shiftDays(patientId));
        walk.resource(copy);
        return copy;
    }

    /**
     * Base of the full URLs in de-identified bundles: references inside a bundle resolve through the
     * entries' full URLs, and the source server's base must not appear. The reserved {@code .invalid}
     * domain names no real server.
     */
    public static final String RESEARCH_BASE = "https://research.invalid/fhir";

    /** A de-identified collection bundle: pseudonymous id, full URLs on {@link #RESEARCH_BASE}, de-identified entries. */
    public Bundle deidentifyBundle(Bundle source, String patientId) {
        Bundle out = new Bundle();
        out.setId(pseudonyms.resourceId("Bundle", source.getIdElement().getIdPart()));
        Meta meta = new Meta();
        source.getMeta().getProfile().forEach(p -> meta.addProfile(p.getValue()));
        out.setMeta(meta);
        out.setType(source.getType());
        if (source.hasTimestamp()) {
            // When the bundle was assembled is a server time: the release time, never shifted.
            out.setTimestampElement(ReleaseTimeProcessor.instant(releaseTime));
        }
        for (Bundle.BundleEntryComponent entry : source.getEntry()) {
            if (entry.getResource() != null) {
                Resource resource = deidentify(entry.getResource(), patientId);
                out.addEntry()
                        .setFullUrl(RESEARCH_BASE + "/" + resource.fhirType() + "/"
                                + resource.getIdElement().getIdPart())
                        .setResource(resource);
            }
        }
        return out;
    }

    /** Rewrites a reference to its pseudonymous form; unresolvable forms (conditional, contained) are hashed whole. */
    public String pseudonymousReference(String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        if (reference.startsWith("urn:uuid:")) {
            return "urn:uuid:" + uuidLike(pseudonyms.pseudonym("urn", reference));
        }
        org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(reference);
        if (id.hasResourceType() && id.hasIdPart() && !reference.contains("?") && !reference.startsWith("#")) {
            return id.getResourceType() + "/" + pseudonyms.resourceId(id.getResourceType(), id.getIdPart());
        }
        return null;
    }

    private static String uuidLike(String hex32) {
        return hex32.substring(0, 8) + "-" + hex32.substring(8, 12) + "-" + hex32.substring(12, 16) + "-"
                + hex32.substring(16, 20) + "-" + hex32.substring(20, 32);
    }

    /** One resource's traversal: the rules' selections and the patient's shift. */
    private final class Walk {

        private final Map<Base, DeidRule> selected;
        private final int shiftDays;

        Walk(Map<Base, DeidRule> selected, int shiftDays) {
            this.selected = selected;
            this.shiftDays = shiftDays;
        }

        void resource(Resource r) {
            if (r.getIdElement().hasIdPart()) {
                r.setId(pseudonyms.resourceId(r.fhirType(), r.getIdElement().getIdPart()));
            }
            // Only the profiles: version ids, timestamps, sources and tags describe the source system.
            Meta meta = new Meta();
            r.getMeta().getProfile().forEach(p -> meta.addProfile(p.getValue()));
            r.setMeta(meta.hasProfile() ? meta : null);
            r.setImplicitRulesElement(null);
            if (r instanceof DomainResource d) {
                d.setText(null);
                d.getContained().clear();
                extensions(d.getExtension());
                extensions(d.getModifierExtension());
            }
            children(
                    r,
                    false,
                    Set.of("id", "meta", "implicitRules", "text", "contained", "extension", "modifierExtension"));
        }

        private void element(Base b, boolean keep) {
            DeidRule rule = selected.get(b);
            if (rule != null) {
                DeidProcessor.Next next = processors.forRule(rule).process(b, rule);
                if (next == DeidProcessor.Next.DONE) {
                    return;
                }
                keep |= next == DeidProcessor.Next.DEFAULTS_KEEPING_TEXT;
            }
            if (b instanceof BaseDateTimeType date) {
                dates.shift(date, shiftDays);
                coarsener.coarsen(date);
                primitiveExtensions(date, keep);
                return;
            }
            if (b instanceof PrimitiveType<?> p) {
                if (!keep && !structural(p)) {
                    Elements.clear(p);
                } else {
                    primitiveExtensions(p, keep);
                }
                return;
            }
            if (b instanceof Narrative) {
                Elements.clear(b);
                return;
            }
            if (!keep && (b instanceof Annotation || b instanceof Attachment)) {
                Elements.clear(b);
                return;
            }
            if (b instanceof Resource r) {
                // contained or Bundle-nested resources get the same treatment as top-level ones
                resource(r);
                return;
            }
            if (b instanceof Element e) {
                e.setId(null);
                extensions(e.getExtension());
                if (e instanceof org.hl7.fhir.r4.model.BackboneElement be) {
                    extensions(be.getModifierExtension());
                }
                if (e instanceof org.hl7.fhir.r4.model.BackboneType bt) {
                    extensions(bt.getModifierExtension());
                }
            }
            if (b instanceof Reference ref) {
                ref.setReference(pseudonymousReference(ref.getReference()));
                children(b, keep, Set.of("id", "extension", "reference"));
                return;
            }
            children(b, keep, Set.of("id", "extension", "modifierExtension"));
        }

        private void children(Base b, boolean keep, Set<String> skip) {
            for (Property property : b.children()) {
                if (skip.contains(property.getName())) {
                    continue;
                }
                for (Base value : List.copyOf(property.getValues())) {
                    if (value != null && !replacedByFlag(b, property, value)) {
                        element(value, keep);
                    }
                }
            }
        }

        /** A method may replace a selected element in its parent by a value of another type (generalize to a flag). */
        private boolean replacedByFlag(Base parent, Property property, Base value) {
            DeidRule rule = selected.get(value);
            return rule != null && processors.forRule(rule).replaceInParent(parent, property, value, rule);
        }

        /** Unlisted extensions go; listed ones stay with their values kept (dates still shifted, references still rewritten). */
        private void extensions(List<Extension> extensions) {
            extensions.removeIf(x -> !keptExtensions.contains(x.getUrl()));
            for (Extension x : extensions) {
                keptExtension(x);
            }
        }

        private void keptExtension(Extension x) {
            x.setId(null);
            for (Extension sub : x.getExtension()) {
                keptExtension(sub);
            }
            if (x.getValue() != null) {
                element(x.getValue(), true);
            }
        }

        private void primitiveExtensions(PrimitiveType<?> p, boolean keep) {
            p.setId(null);
            extensions(p.getExtension());
        }
    }

    /** Codes, booleans, numbers, uris and canonicals are structure, not identifiers; every other primitive is text. */
    private static boolean structural(PrimitiveType<?> p) {
        if (p instanceof UrlType || p instanceof OidType || p instanceof UuidType) {
            return false;
        }
        return p instanceof CodeType
                || p instanceof Enumeration<?>
                || p instanceof BooleanType
                || p instanceof IntegerType
                || p instanceof DecimalType
                || p instanceof UriType
                || p instanceof CanonicalType
                || p instanceof TimeType;
    }
}
