package org.transitionnet.server.export.job;

import ca.uhn.fhir.batch2.api.ChunkExecutionDetails;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IReductionStepWorker;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.model.ChunkOutcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.transitionnet.server.export.BundleGeneralizer;
import org.transitionnet.server.export.ExportStorage;
import org.transitionnet.server.export.KAnonymity;
import org.transitionnet.server.export.RegistryPusher;
import org.transitionnet.server.export.ResearchCsv;
import org.transitionnet.server.export.ResearchRecord;

/**
 * Final step, run once after every chunk is staged: applies k-anonymity to the staged lines,
 * writes the released ones as output files in bounded parts, optionally pushes released bundles to
 * the research registry, and removes the staging rows.
 */
public class WriteOutputStep implements IReductionStepWorker<ExportJobParameters, StagedChunk, ExportReport> {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ExportStorage storage;
	private final int linesPerPart;
	private final RegistryPusher registry;
	private final ExportReport report = new ExportReport();

	public WriteOutputStep(ExportStorage storage, int linesPerPart, RegistryPusher registry) {
		this.storage = storage;
		this.linesPerPart = linesPerPart;
		this.registry = registry;
	}

	@Override
	public IReductionStepWorker<ExportJobParameters, StagedChunk, ExportReport> newInstance() {
		return new WriteOutputStep(storage, linesPerPart, registry);
	}

	@Override
	public ChunkOutcome consume(ChunkExecutionDetails<ExportJobParameters, StagedChunk> details) {
		StagedChunk chunk = details.getData();
		report.patients += chunk.patients;
		report.excludedByConsent += chunk.excludedByConsent;
		report.subjectsWithoutTransitions.addAll(chunk.subjectsWithoutTransitions);
		return ChunkOutcome.SUCCESS();
	}

	@Override
	public RunOutcome run(StepExecutionDetails<ExportJobParameters, StagedChunk> details, IJobDataSink<ExportReport> sink) {
		ExportJobParameters p = details.getParameters();
		String exportId = details.getInstance().getInstanceId();
		report.k = p.getK();
		int fileIndex = 0;
		if (p.getTypes().contains(ExportJobParameters.TYPE_RESEARCH)) {
			writeResearch(exportId, fileIndex++, p);
		}
		if (p.getTypes().contains(ExportJobParameters.TYPE_BUNDLE)) {
			writeBundles(exportId, fileIndex, p);
		}
		storage.clearStage(exportId);
		sink.accept(report);
		return RunOutcome.SUCCESS;
	}

	private void writeResearch(String exportId, int fileIndex, ExportJobParameters p) {
		KAnonymity.Decider decider = KAnonymity.plan(storage.quasiIdentifiers(exportId, StageRecordsStep.KIND_RESEARCH), p.getK());
		boolean csv = "csv".equals(p.getFormat());
		PartWriter out = new PartWriter(exportId, fileIndex, ExportJobParameters.TYPE_RESEARCH);
		if (csv) {
			out.header(ResearchCsv.header());
		}
		storage.forEachStaged(exportId, StageRecordsStep.KIND_RESEARCH, (subject, age, sex, line) -> {
			ResearchRecord released = decider.apply(new ResearchRecord(parse(line), subject, age, sex));
			if (released != null) {
				out.line(csv ? ResearchCsv.line(released.json()) : released.json().toString());
			}
		});
		out.close();
		report.recordsReleased = decider.kept();
		report.recordsGeneralized = decider.generalized();
		report.recordsSuppressed = decider.suppressed();
	}

	/**
	 * A bundle carries the patient's birth year, sex and ZIP3: a bundle whose group is too small
	 * loses the birth date, then the ZIP3 ({@link KAnonymity#BUNDLES}), and is suppressed when even
	 * sex alone leaves fewer than k subjects.
	 */
	private void writeBundles(String exportId, int fileIndex, ExportJobParameters p) {
		KAnonymity.Decider decider = KAnonymity.plan(KAnonymity.BUNDLES,
				storage.quasiIdentifiers(exportId, StageRecordsStep.KIND_BUNDLE), p.getK());
		PartWriter out = new PartWriter(exportId, fileIndex, ExportJobParameters.TYPE_BUNDLE);
		RegistryPusher.Session push = p.isPush() && registry != null ? registry.session() : null;
		storage.forEachStaged(exportId, StageRecordsStep.KIND_BUNDLE, (subject, age, qi, line) -> {
			int level = decider.decide(new KAnonymity.Quasi(subject, age, qi));
			if (level < 0) {
				return;
			}
			String released = BundleGeneralizer.generalize(line, level);
			out.line(released);
			if (push != null) {
				push.put(released);
			}
		});
		out.close();
		report.bundlesReleased = decider.kept();
		report.bundlesGeneralized = decider.generalized();
		report.bundlesSuppressed = decider.suppressed();
		if (push != null) {
			report.bundlesPushed = push.pushed();
			report.pushError = push.error();
		}
	}

	private static ObjectNode parse(String line) {
		try {
			return (ObjectNode) JSON.readTree(line);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("staged research record is not JSON", e);
		}
	}

	/** Buffers at most {@code linesPerPart} lines before writing them as one stored part. */
	private final class PartWriter {
		private final String exportId;
		private final int fileIndex;
		private final String type;
		private final StringBuilder buffer = new StringBuilder();
		private int lines;
		private int part;
		private boolean written;

		PartWriter(String exportId, int fileIndex, String type) {
			this.exportId = exportId;
			this.fileIndex = fileIndex;
			this.type = type;
		}

		void header(String header) {
			buffer.append(header).append('\n');
		}

		void line(String line) {
			buffer.append(line).append('\n');
			lines++;
			if (lines >= linesPerPart) {
				flush();
			}
		}

		private void flush() {
			storage.writePart(exportId, fileIndex, type, part++, lines, buffer.toString());
			buffer.setLength(0);
			lines = 0;
			written = true;
		}

		/** Writes what is left; an empty file still gets one (empty) part so the manifest lists it with count 0. */
		void close() {
			if (lines > 0 || !written) {
				flush();
			}
		}
	}
}
