package org.transitionnet.server.derivation.transition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.record.patient.DerivedResources;
import org.transitionnet.server.record.patient.PatientSearches;

/**
 * Keeps a patient's stored transitions equal to the latest derivation: writes new or changed
 * TransitionObservations and their episode Provenance under stable ids, leaves unchanged ones alone
 * (no new versions), and deletes those that no longer derive.
 */
public class TransitionStore {

    private final DaoRegistry daos;
    private final TransitionResourceFactory factory;
    private final IParser parser;
    private final EntityManager entityManager;

    public TransitionStore(
            DaoRegistry daos, TransitionResourceFactory factory, FhirContext fhirContext, EntityManager entityManager) {
        this.daos = daos;
        this.factory = factory;
        this.parser = fhirContext.newJsonParser();
        this.entityManager = entityManager;
    }

    /** What one store call did. */
    public record Changes(int written, int unchanged, int deleted) {}

    public Changes replace(String patientId, List<Transition> transitions) {
        IFhirResourceDao<Observation> observations = daos.getResourceDao(Observation.class);
        IFhirResourceDao<Provenance> provenances = daos.getResourceDao(Provenance.class);
        SystemRequestDetails request = new SystemRequestDetails();
        Map<String, Observation> stored = storedTransitions(patientId);

        int written = 0;
        int unchanged = 0;
        Map<String, List<Transition>> byEpisode = new LinkedHashMap<>();
        Set<String> changedEpisodes = new HashSet<>();
        for (Transition t : transitions) {
            String episodeKey = provenanceId(patientId, t.episode());
            byEpisode
                    .computeIfAbsent(episodeKey, k -> new java.util.ArrayList<>())
                    .add(t);
            Observation fresh = factory.observation(t);
            Observation existing = stored.remove(t.id());
            if (existing != null && sameContent(existing, fresh)) {
                unchanged++;
                continue;
            }
            observations.update(fresh, request);
            detachWritten();
            changedEpisodes.add(episodeKey);
            written++;
        }
        Set<String> obsoleteEpisodes = new HashSet<>();
        for (Observation obsolete : stored.values()) {
            obsoleteEpisodes.add(provenanceIdOf(obsolete));
        }
        for (Map.Entry<String, List<Transition>> episode : byEpisode.entrySet()) {
            if (changedEpisodes.contains(episode.getKey())
                    || obsoleteEpisodes.contains(episode.getKey())
                    || !exists(provenances, episode.getKey())) {
                provenances.update(factory.provenance(episode.getKey(), episode.getValue(), Instant.now()), request);
                detachWritten();
            }
        }
        int deleted = 0;
        for (Observation obsolete : stored.values()) {
            String provenanceId = provenanceIdOf(obsolete);
            if (!byEpisode.containsKey(provenanceId) && exists(provenances, provenanceId)) {
                provenances.delete(new IdType("Provenance", provenanceId), request);
            }
            observations.delete(obsolete.getIdElement().toUnqualifiedVersionless(), request);
            detachWritten();
            deleted++;
        }
        return new Changes(written, unchanged, deleted);
    }

    /**
     * Writes what the last update queued and detaches it. HAPI resolves ids with queries, and every query
     * first flushes and cascades through each entity the transaction still manages: without this, the cost
     * of each write grows with the writes before it (a patient with many transitions was quadratic, and
     * half of a population's derivation time went to those cascades).
     */
    private void detachWritten() {
        entityManager.flush();
        entityManager.clear();
    }

    /** The Provenance id of an episode: one per patient, episode anchor and action class. */
    public static String provenanceId(String patientId, ActionEpisode episode) {
        return provenanceId(patientId, episode.anchor(), episode.actionClass().id());
    }

    private static String provenanceId(String patientId, String anchor, String actionClass) {
        return StableIds.of(DerivedResources.PROVENANCE_ID_PREFIX, patientId, anchor, actionClass);
    }

    /** Stored transitions of the patient, by id. */
    public Map<String, Observation> storedTransitions(String patientId) {
        SearchParameterMap map = PatientSearches.allOfPatient("subject", patientId);
        map.add("category", new TokenParam(TransitionVocabulary.CS_CATEGORY, TransitionVocabulary.CATEGORY_DERIVED));
        Map<String, Observation> stored = new HashMap<>();
        for (IBaseResource r : daos.getResourceDao(Observation.class)
                .search(map, new SystemRequestDetails())
                .getAllResources()) {
            stored.put(r.getIdElement().getIdPart(), (Observation) r);
        }
        return stored;
    }

    static String provenanceIdOf(Observation transition) {
        String patientId = transition.getSubject().getReferenceElement().getIdPart();
        String anchor = ActionReferences.anchor(transition);
        // The first action-class extension is the episode's own (most specific) class.
        String actionClass = transition.getExtensionsByUrl(TransitionVocabulary.EXT_ACTION_CLASS).stream()
                .findFirst()
                .map(e -> ((org.hl7.fhir.r4.model.Coding) e.getValue()).getCode())
                .orElse("");
        return provenanceId(patientId, anchor, actionClass);
    }

    /** Same coded content; the narrative follows from it (transitions stored before narratives existed stay unchanged). */
    private boolean sameContent(Observation stored, Observation fresh) {
        Observation a = stored.copy();
        a.setMeta(null);
        a.setText(null);
        a.setIdElement(new IdType(stored.getIdElement().getIdPart()));
        Observation b = fresh.copy();
        b.setMeta(null);
        b.setText(null);
        return parser.encodeResourceToString(a).equals(parser.encodeResourceToString(b));
    }

    private static boolean exists(IFhirResourceDao<Provenance> dao, String id) {
        try {
            dao.read(new IdType("Provenance", id), new SystemRequestDetails());
            return true;
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException
                | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
            return false;
        }
    }
}
