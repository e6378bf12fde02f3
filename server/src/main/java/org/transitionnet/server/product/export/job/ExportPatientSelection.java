package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.batch2.api.JobExecutionFailedException;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.transitionnet.server.fhir.StoredResources;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.product.job.PatientSelection;
import org.transitionnet.server.record.patient.PatientSearches;

/**
 * The export's patients: a Group's members or everyone, narrowed by {@code _since} to patients whose derived
 * transitions changed since then. {@code _since} is checked a page of patients at a time, so the selection never
 * holds the population.
 */
public class ExportPatientSelection implements PatientSelection<ExportJobParameters> {

    private final DaoRegistry daos;
    private final TransitionRemovalLog removals;

    public ExportPatientSelection(DaoRegistry daos, TransitionRemovalLog removals) {
        this.daos = daos;
        this.removals = removals;
    }

    @Override
    public Optional<List<String>> named(ExportJobParameters parameters) {
        return parameters.getGroupId() == null ? Optional.empty() : Optional.of(groupMembers(parameters.getGroupId()));
    }

    @Override
    public List<String> narrow(ExportJobParameters parameters, List<String> page) {
        return parameters.getSince() == null ? page : changedSince(page, parameters.getSince());
    }

    private List<String> groupMembers(String groupId) {
        Group group = StoredResources.find(daos, Group.class, groupId)
                .orElseThrow(() -> new JobExecutionFailedException("Group/" + groupId + " does not exist"));
        Set<String> ids = new LinkedHashSet<>();
        for (Group.GroupMemberComponent member : group.getMember()) {
            IIdType ref = member.getEntity().getReferenceElement();
            if ("Patient".equals(ref.getResourceType()) && !member.getInactive()) {
                ids.add(ref.getIdPart());
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * Those of the patients with derived transitions written at or after the instant (new or changed
     * transitions), or removed since then.
     */
    private List<String> changedSince(List<String> patientIds, String since) {
        // Bounded by the page of patients; their transitions can outnumber a plain synchronous search's cap.
        SearchParameterMap map = PatientSearches.all();
        map.add("category", new TokenParam(TransitionVocabulary.CS_CATEGORY, TransitionVocabulary.CATEGORY_DERIVED));
        map.setLastUpdated(new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, since), null));
        ReferenceOrListParam subjects = new ReferenceOrListParam();
        patientIds.forEach(id -> subjects.addOr(new ReferenceParam("Patient/" + id)));
        map.add("subject", subjects);
        Set<String> changed = new HashSet<>();
        for (IBaseResource r : daos.getResourceDao(Observation.class)
                .search(map, new SystemRequestDetails())
                .getAllResources()) {
            changed.add(((Observation) r).getSubject().getReferenceElement().getIdPart());
        }
        changed.addAll(removals.removedSince(patientIds, Instant.parse(since)));
        return patientIds.stream().filter(changed::contains).toList();
    }
}
