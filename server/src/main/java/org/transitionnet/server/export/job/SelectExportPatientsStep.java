package org.transitionnet.server.export.job;

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
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.server.transition.TransitionVocabulary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * First step: the export's patients — a Group's members or everyone — narrowed by {@code _since}
 * to patients whose derived transitions changed since then, split into chunks.
 */
public class SelectExportPatientsStep implements IFirstJobStepWorker<ExportJobParameters, ExportPatientChunk> {

	private final DaoRegistry daos;
	private final int chunkSize;

	public SelectExportPatientsStep(DaoRegistry daos, int chunkSize) {
		this.daos = daos;
		this.chunkSize = chunkSize;
	}

	@Override
	public RunOutcome run(StepExecutionDetails<ExportJobParameters, VoidModel> details, IJobDataSink<ExportPatientChunk> sink) {
		ExportJobParameters p = details.getParameters();
		Set<String> ids = new LinkedHashSet<>(p.getGroupId() != null ? groupMembers(p.getGroupId()) : allPatients());
		if (p.getSince() != null) {
			ids.retainAll(changedSince(p.getSince()));
		}
		List<String> list = new ArrayList<>(ids);
		for (int from = 0; from < list.size(); from += chunkSize) {
			sink.accept(new ExportPatientChunk(list.subList(from, Math.min(list.size(), from + chunkSize))));
		}
		return new RunOutcome(list.size());
	}

	private List<String> groupMembers(String groupId) {
		Group group;
		try {
			group = daos.getResourceDao(Group.class).read(new IdType("Group", groupId), new SystemRequestDetails());
		} catch (ResourceNotFoundException e) {
			throw new JobExecutionFailedException("Group/" + groupId + " does not exist");
		}
		List<String> ids = new ArrayList<>();
		for (Group.GroupMemberComponent member : group.getMember()) {
			IIdType ref = member.getEntity().getReferenceElement();
			if ("Patient".equals(ref.getResourceType()) && !member.getInactive()) {
				ids.add(ref.getIdPart());
			}
		}
		return ids;
	}

	private List<String> allPatients() {
		List<String> ids = new ArrayList<>();
		for (IIdType id : daos.getResourceDao(Patient.class).searchForResourceIds(SearchParameterMap.newSynchronous(), new SystemRequestDetails())) {
			ids.add(id.getIdPart());
		}
		return ids;
	}

	/** Patients with derived transitions written at or after the instant (new or changed transitions). */
	private Set<String> changedSince(String since) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add("category", new TokenParam(TransitionVocabulary.CS_CATEGORY, TransitionVocabulary.CATEGORY_DERIVED));
		map.setLastUpdated(new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, since), null));
		Set<String> ids = new LinkedHashSet<>();
		for (IBaseResource r : daos.getResourceDao(Observation.class).search(map, new SystemRequestDetails()).getAllResources()) {
			ids.add(((Observation) r).getSubject().getReferenceElement().getIdPart());
		}
		return ids;
	}
}
