package org.transitionnet.server.derivation.transition;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.patient.DerivedResources;
import org.transitionnet.server.record.patient.PatientSearches;

/**
 * Assembles TransitionBundles (one per patient and action episode) from stored transitions: the
 * action, the episode's TransitionObservations, its Provenance, and the baseline and follow-up
 * Observations they derive from, read in one batched search per resource type.
 */
public class TransitionBundleAssembler {

    private final DaoRegistry daos;

    public TransitionBundleAssembler(DaoRegistry daos) {
        this.daos = daos;
    }

    public List<Bundle> assemble(String patientId, List<Observation> transitions, String serverBase) {
        Map<String, List<Observation>> byEpisode = new LinkedHashMap<>();
        transitions.stream()
                .sorted(Comparator.comparing(
                                (Observation o) -> o.getEffectivePeriod().getStart())
                        .thenComparing(o -> o.getIdElement().getIdPart()))
                .forEach(o -> byEpisode
                        .computeIfAbsent(episodeKey(o), k -> new ArrayList<>())
                        .add(o));
        // Everything the bundles hold, read in a few batched searches (one per type), not one read each.
        Set<String> references = new LinkedHashSet<>();
        for (List<Observation> episode : byEpisode.values()) {
            Observation first = episode.get(0);
            references.add(ActionReferences.anchor(first));
            references.add("Provenance/" + TransitionStore.provenanceIdOf(first));
            episode.forEach(t -> t.getDerivedFrom().forEach(source -> references.add(source.getReference())));
        }
        references.add("Patient/" + patientId);
        Map<String, IBaseResource> read = readAll(references);
        List<Bundle> bundles = new ArrayList<>();
        for (List<Observation> episode : byEpisode.values()) {
            bundles.add(bundle(patientId, episode, serverBase, read));
        }
        return bundles;
    }

    private Bundle bundle(
            String patientId, List<Observation> transitions, String serverBase, Map<String, IBaseResource> read) {
        Observation first = transitions.get(0);
        String provenanceId = TransitionStore.provenanceIdOf(first);
        Bundle bundle = new Bundle();
        bundle.setId("tnb-" + provenanceId.substring(DerivedResources.PROVENANCE_ID_PREFIX.length()));
        bundle.getMeta().addProfile(TransitionVocabulary.TRANSITION_BUNDLE_PROFILE);
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(new Date());

        Set<String> added = new LinkedHashSet<>();
        Optional.ofNullable(read.get(ActionReferences.anchor(first)))
                .ifPresent(action -> add(bundle, action, serverBase, added));
        transitions.forEach(t -> add(bundle, t, serverBase, added));
        Optional.ofNullable(read.get("Provenance/" + provenanceId)).ifPresent(p -> add(bundle, p, serverBase, added));
        for (Observation t : transitions) {
            for (Reference source : t.getDerivedFrom()) {
                Optional.ofNullable(read.get(source.getReference())).ifPresent(o -> add(bundle, o, serverBase, added));
            }
        }
        Optional.ofNullable(read.get("Patient/" + patientId)).ifPresent(p -> add(bundle, p, serverBase, added));
        return bundle;
    }

    /** The resources by {@code Type/id}, read with one {@code _id} search per type (in batches); missing ones are absent. */
    private Map<String, IBaseResource> readAll(Set<String> references) {
        Map<String, List<String>> idsByType = new LinkedHashMap<>();
        for (String reference : references) {
            if (reference == null) {
                continue;
            }
            IdType id = new IdType(reference);
            if (id.hasResourceType() && id.hasIdPart()) {
                idsByType
                        .computeIfAbsent(id.getResourceType(), t -> new ArrayList<>())
                        .add(id.getIdPart());
            }
        }
        Map<String, IBaseResource> out = new java.util.HashMap<>();
        idsByType.forEach((type, ids) -> {
            for (IBaseResource r : PatientSearches.byIds(daos, type, ids)) {
                r.setId(r.getIdElement().toUnqualifiedVersionless());
                out.put(type + "/" + r.getIdElement().getIdPart(), r);
            }
        });
        return out;
    }

    private static String episodeKey(Observation transition) {
        return TransitionStore.provenanceIdOf(transition);
    }

    private static void add(Bundle bundle, IBaseResource resource, String serverBase, Set<String> added) {
        String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        if (added.add(reference)) {
            Resource copy = (Resource) resource;
            withoutRequestId(copy);
            describeIfDerived(copy);
            bundle.addEntry().setFullUrl(serverBase + "/" + reference).setResource(copy);
        }
    }

    /**
     * HAPI records the request that wrote a resource as the fragment of {@code meta.source} ({@code #requestId}):
     * meaningless outside this server, and inside a bundle a local reference that resolves to nothing.
     */
    static void withoutRequestId(Resource resource) {
        if (!resource.hasMeta() || !resource.getMeta().hasSource()) {
            return;
        }
        String source = resource.getMeta().getSource();
        int hash = source.indexOf('#');
        if (hash == 0) {
            resource.getMeta().setSourceElement(null);
        } else if (hash > 0) {
            resource.getMeta().setSource(source.substring(0, hash));
        }
    }

    /** Derived resources stored before they carried a narrative get it on output, the same as new ones. */
    private static void describeIfDerived(Resource resource) {
        if (resource instanceof DomainResource domain && domain.hasText()) {
            return;
        }
        if (resource instanceof Observation transition && DerivedResources.isDerived(transition)) {
            DerivedNarrative.describe(transition);
        } else if (resource instanceof Provenance provenance && DerivedResources.isDerived(provenance)) {
            DerivedNarrative.describe(provenance);
        }
    }
}
