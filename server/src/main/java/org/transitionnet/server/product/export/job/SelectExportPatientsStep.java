package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.batch2.api.IFirstJobStepWorker;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.JobExecutionFailedException;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
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
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.fhir.StoredResources;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.patient.PatientIdPages;
import org.transitionnet.server.record.patient.PatientSearches;

/**
 * First step: the export's patients — a Group's members or everyone — narrowed by {@code _since}
 * to patients whose derived transitions changed since then, split into chunks. Everyone is read a
 * page of ids at a time, and {@code _since} is checked per page, so no step holds the population.
 * Run again after its node died part-way, it creates only the chunks the earlier run did not.
 */
public class SelectExportPatientsStep implements IFirstJobStepWorker<ExportJobParameters, PatientIdChunk> {

    /** Chunks per page of patient ids read and checked at a time. */
    private static final int PAGE_CHUNKS = 25;

    private final DaoRegistry daos;
    private final int chunkSize;
    private final TransitionRemovalLog removals;
    private final CreatedChunks created;

    public SelectExportPatientsStep(
            DaoRegistry daos, int chunkSize, TransitionRemovalLog removals, CreatedChunks created) {
        this.daos = daos;
        this.chunkSize = chunkSize;
        this.removals = removals;
        this.created = created;
    }

    @Override
    public RunOutcome run(
            StepExecutionDetails<ExportJobParameters, VoidModel> details, IJobDataSink<PatientIdChunk> sink) {
        ExportJobParameters p = details.getParameters();
        int pageSize = chunkSize * PAGE_CHUNKS;
        long[] selected = {0};
        Consumer<PatientIdChunk> chunks = created.skippingCreated(
                details.getInstance().getInstanceId(), ResearchExportJob.STAGE_STEP, sink::accept);
        Consumer<List<String>> page = ids -> {
            List<String> chosen = p.getSince() == null ? ids : changedSince(ids, p.getSince());
            PatientIdChunk.split(chosen, chunkSize).forEach(chunks);
            selected[0] += chosen.size();
        };
        if (p.getGroupId() != null) {
            List<String> members = groupMembers(p.getGroupId());
            for (int from = 0; from < members.size(); from += pageSize) {
                page.accept(members.subList(from, Math.min(members.size(), from + pageSize)));
            }
        } else {
            new PatientIdPages(daos, pageSize).forEachPage(page);
        }
        return new RunOutcome((int) selected[0]);
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
