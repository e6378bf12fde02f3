package org.transitionnet.server.transition;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assembles TransitionBundles (one per patient and action episode) from stored transitions: the
 * action, the episode's TransitionObservations, its Provenance, and the baseline and follow-up
 * Observations they derive from.
 */
public class TransitionBundleAssembler {

	private final DaoRegistry daos;

	public TransitionBundleAssembler(DaoRegistry daos) {
		this.daos = daos;
	}

	public List<Bundle> assemble(String patientId, List<Observation> transitions, String serverBase) {
		Map<String, List<Observation>> byEpisode = new LinkedHashMap<>();
		transitions.stream()
				.sorted(Comparator.comparing((Observation o) -> o.getEffectivePeriod().getStart()).thenComparing(o -> o.getIdElement().getIdPart()))
				.forEach(o -> byEpisode.computeIfAbsent(episodeKey(o), k -> new ArrayList<>()).add(o));
		List<Bundle> bundles = new ArrayList<>();
		for (List<Observation> episode : byEpisode.values()) {
			bundles.add(bundle(patientId, episode, serverBase));
		}
		return bundles;
	}

	private Bundle bundle(String patientId, List<Observation> transitions, String serverBase) {
		Observation first = transitions.get(0);
		String provenanceId = TransitionStore.provenanceIdOf(first);
		Bundle bundle = new Bundle();
		bundle.setId("tnb-" + provenanceId.substring(DerivedResources.PROVENANCE_ID_PREFIX.length()));
		bundle.getMeta().addProfile(TransitionVocabulary.TRANSITION_BUNDLE_PROFILE);
		bundle.setType(Bundle.BundleType.COLLECTION);
		bundle.setTimestamp(new Date());

		Set<String> added = new LinkedHashSet<>();
		read(first.getBasedOnFirstRep().getReference()).ifPresent(action -> add(bundle, action, serverBase, added));
		transitions.forEach(t -> add(bundle, t, serverBase, added));
		read("Provenance/" + provenanceId).ifPresent(p -> add(bundle, p, serverBase, added));
		for (Observation t : transitions) {
			for (Reference source : t.getDerivedFrom()) {
				read(source.getReference()).ifPresent(o -> add(bundle, o, serverBase, added));
			}
		}
		read("Patient/" + patientId).ifPresent(p -> add(bundle, p, serverBase, added));
		return bundle;
	}

	private static String episodeKey(Observation transition) {
		return TransitionStore.provenanceIdOf(transition);
	}

	private static void add(Bundle bundle, IBaseResource resource, String serverBase, Set<String> added) {
		String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		if (added.add(reference)) {
			bundle.addEntry().setFullUrl(serverBase + "/" + reference).setResource((org.hl7.fhir.r4.model.Resource) resource);
		}
	}

	private Optional<IBaseResource> read(String reference) {
		if (reference == null) {
			return Optional.empty();
		}
		IdType id = new IdType(reference);
		try {
			IBaseResource resource = daos.getResourceDao(id.getResourceType()).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
			resource.setId(resource.getIdElement().toUnqualifiedVersionless());
			return Optional.of(resource);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
