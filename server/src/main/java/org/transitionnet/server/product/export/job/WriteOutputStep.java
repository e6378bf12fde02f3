package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.batch2.api.IReductionStepWorker;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.product.job.GatedReducer;
import org.transitionnet.server.release.deid.DayOffsetCoarsening;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.deid.Pseudonymizer;
import org.transitionnet.server.release.deid.RecordOrder;
import org.transitionnet.server.release.deid.ReleasedValues;
import org.transitionnet.server.release.policy.AdverseEventDisclosure;
import org.transitionnet.server.release.policy.AdverseEventPolicy;
import org.transitionnet.server.release.policy.BundleAdverseEvents;
import org.transitionnet.server.release.policy.BundleItems;
import org.transitionnet.server.release.policy.KAnonymity;
import org.transitionnet.server.release.policy.LDiversity;
import org.transitionnet.server.release.policy.ReidentificationRisk;
import org.transitionnet.server.release.policy.SetValuedAnonymity;
import org.transitionnet.server.release.policy.SetValuedPolicy;
import org.transitionnet.server.release.policy.SubjectQuasi;
import org.transitionnet.server.release.policy.SubjectReleasePlan;
import org.transitionnet.server.release.policy.UniqueValues;

/**
 * Final step of an export ({@link GatedReducer}): applies k-anonymity over everything each subject
 * is released with (one plan for all outputs), then l-diversity of the adverse-event outcome within
 * the same classes (a class whose subjects all have the same outcome loses the adverse-event field in
 * every output), then k^m over each subject's action classes, state variables and record count
 * ({@link SetValuedAnonymity}: classes generalized along the catalogue, rare items' records suppressed), records what
 * was disclosed and the risk that remains,
 * writes the released ones as output files in bounded parts and optionally pushes released bundles to
 * the research registry. It first removes output an earlier run left (its node died), and the staging is
 * removed only once HAPI has stored the report, so a second run still finds everything staged.
 */
public class WriteOutputStep extends GatedReducer<ExportJobParameters, StagedChunk, ExportReport> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MEASUREMENTS = List.of("baseline", "followUp");

    private final ExportStorage storage;
    private final int linesPerPart;
    private final RegistryPusher registry;
    private final DeidEngines deid;
    private final AdverseEventPolicy adverseEvents;
    private final Map<String, Integer> adverseEventsWithheld = new TreeMap<>();

    private final MappingCatalogue catalog;
    private final int dayOffsetWindow;
    private final int minValueHolders;
    private final SetValuedPolicy setValued;

    /**
     * @param dayOffsetWindow days of the windows day offsets are coarsened to in releases whose pseudonyms are this
     *                        export's alone
     * @param minValueHolders a released value fewer subjects hold is not released
     */
    public WriteOutputStep(
            ExportStorage storage,
            int linesPerPart,
            RegistryPusher registry,
            DeidEngines deid,
            MappingCatalogue catalog,
            int dayOffsetWindow,
            int minValueHolders,
            AdverseEventPolicy adverseEvents,
            SetValuedPolicy setValued) {
        super(new ExportReport());
        this.setValued = setValued;
        this.storage = storage;
        this.linesPerPart = linesPerPart;
        this.registry = registry;
        this.deid = deid;
        this.adverseEvents = adverseEvents;
        this.catalog = catalog;
        this.dayOffsetWindow = dayOffsetWindow;
        this.minValueHolders = minValueHolders;
    }

    @Override
    public IReductionStepWorker<ExportJobParameters, StagedChunk, ExportReport> newInstance() {
        return new WriteOutputStep(
                storage,
                linesPerPart,
                registry,
                deid,
                catalog,
                dayOffsetWindow,
                minValueHolders,
                adverseEvents,
                setValued);
    }

    @Override
    protected void count(StagedChunk chunk) {
        report.add(chunk);
        report.subjectsWithoutTransitions.addAll(chunk.subjectsWithoutTransitions);
        chunk.adverseEventsWithheld.forEach((c, n) -> adverseEventsWithheld.merge(c, n, Integer::sum));
    }

    @Override
    protected void reduce(ExportJobParameters p, String exportId) {
        report.k = p.getK();
        // An earlier run of this reduction may have died part-way through writing.
        storage.deleteParts(exportId);
        // One plan over everything released about each subject (demographics and the items of their records),
        // applied to every output alike.
        Map<String, SubjectQuasi> staged = new LinkedHashMap<>();
        storage.subjects(exportId).forEachSubject(s -> staged.put(s.subject(), s));
        Staged read = readStaged(exportId, p);
        SubjectReleasePlan release = SubjectReleasePlan.plan(
                staged,
                read.lines(),
                read.bundles(),
                p.getK(),
                p.getSetValuedM() == null ? setValued : setValued.withM(p.getSetValuedM()));
        KAnonymity.Plan plan = release.demographics();
        SetValuedAnonymity.Plan items = release.items();
        DisclosureReport disclosed = DisclosureReport.of(p, deid);
        release.subjects().forEachSubject(s -> disclosed.count(s, plan));
        // l-diversity of "has a released adverse event" within the same classes.
        LDiversity.Plan outcomes = LDiversity.plan(release.subjects(), plan, read.outcomes()::get, adverseEvents.l());
        AdverseEventDisclosure events = adverseEvents.disclosure();
        events.addWithheld(adverseEventsWithheld);
        events.count(outcomes);
        disclosed.adverseEvents = events;
        disclosed.setValued = DisclosureReport.SetValued.of(items);
        report.disclosure = disclosed;
        // This release's own randomness: under a per-export key it is drawn apart from every other release.
        Pseudonymizer keyed = deid.forExport(Instant.parse(p.getTransactionTime()), p.getPseudonymSalt())
                .pseudonyms();
        RecordOrder order = RecordOrder.of(
                keyed.keyedLong("release-record-order", exportId), keyed.keyedLong("release-record-offset", exportId));
        // Day-offset windows placed per release and record: an exact offset of one release recurs in another by chance
        // only.
        boolean coarsenOffsets = DisclosureReport.PSEUDONYMS_PER_EXPORT.equals(p.getPseudonyms());
        Function<String, DayOffsetCoarsening> offsets = line -> coarsenOffsets
                ? DayOffsetCoarsening.of(
                        dayOffsetWindow, keyed.keyedLong("release-day-offsets", exportId + "\n" + line))
                : DayOffsetCoarsening.NONE;
        disclosed.dayOffsetWindowDays = coarsenOffsets ? Math.max(1, dayOffsetWindow) : 1;
        int fileIndex = 0;
        if (p.getTypes().contains(ExportJobParameters.TYPE_RESEARCH)) {
            writeResearch(exportId, fileIndex++, p, release, outcomes, order, offsets, disclosed);
        }
        if (p.getTypes().contains(ExportJobParameters.TYPE_BUNDLE)) {
            writeBundles(exportId, fileIndex, p, release, outcomes, order, disclosed);
        }
        disclosed.risk = risk(release, disclosed);
    }

    /**
     * What the plans need from the staging, read once per kind of output.
     *
     * @param lines    each subject's lines (records) as set-valued items with the age at each: from the research
     *                 records where they are released (their record count is what the release shows), otherwise from
     *                 the bundles
     * @param bundles  each subject's bundles as items, when bundles are released beside research records (else none)
     * @param outcomes each subject's outcome: whether any of their records or bundles releases an adverse event
     */
    private record Staged(
            Map<String, List<SubjectReleasePlan.AgedLine>> lines,
            Map<String, List<SetValuedAnonymity.Line>> bundles,
            Map<String, String> outcomes) {}

    private Staged readStaged(String exportId, ExportJobParameters p) {
        boolean research = p.getTypes().contains(ExportJobParameters.TYPE_RESEARCH);
        Staged read = new Staged(new LinkedHashMap<>(), new LinkedHashMap<>(), new HashMap<>());
        if (research) {
            storage.forEachStaged(exportId, ExportStorage.KIND_RESEARCH, (subject, age, line) -> {
                ObjectNode record = parse(line);
                read.lines()
                        .computeIfAbsent(subject.subject(), s -> new ArrayList<>())
                        .add(new SubjectReleasePlan.AgedLine(
                                ResearchRecordItems.of(line, record), age == null ? -1 : age));
                boolean event = !record.path("adverseEventClass").isEmpty();
                read.outcomes().merge(subject.subject(), event ? "yes" : "no", WriteOutputStep::either);
            });
        }
        if (p.getTypes().contains(ExportJobParameters.TYPE_BUNDLE)) {
            storage.forEachStaged(exportId, ExportStorage.KIND_BUNDLE, (subject, age, line) -> {
                SetValuedAnonymity.Line items = BundleItems.of(line);
                if (research) {
                    read.bundles()
                            .computeIfAbsent(subject.subject(), s -> new ArrayList<>())
                            .add(items);
                } else {
                    read.lines()
                            .computeIfAbsent(subject.subject(), s -> new ArrayList<>())
                            .add(new SubjectReleasePlan.AgedLine(items, null));
                }
                read.outcomes()
                        .merge(
                                subject.subject(),
                                BundleAdverseEvents.hasAdverseEvent(line) ? "yes" : "no",
                                WriteOutputStep::either);
            });
        }
        return read;
    }

    /** The risk figures, from what the report already measured and the demographic classes. */
    private DisclosureReport.Risk risk(SubjectReleasePlan release, DisclosureReport disclosed) {
        ReidentificationRisk measured = ReidentificationRisk.of(release.subjects(), release.demographics());
        DisclosureReport.Risk risk = new DisclosureReport.Risk();
        risk.prosecutorHighest = measured.prosecutorHighest();
        risk.prosecutorAverage = measured.prosecutorAverage();
        risk.journalistHighest = measured.journalistHighest();
        risk.journalistAverage = measured.journalistAverage();
        risk.uniqueValueShare = disclosed.uniqueValues == null ? null : disclosed.uniqueValues.shareAfter;
        risk.setValuedK = disclosed.setValued.smallestSupport;
        if (disclosed.adverseEvents != null && disclosed.adverseEvents.smallestL != null) {
            risk.l.put("adverseEvent", disclosed.adverseEvents.smallestL);
        }
        risk.keyFingerprint = disclosed.key.fingerprint;
        risk.keyWarning = disclosed.key.warning;
        return risk;
    }

    private static String either(String a, String b) {
        return "yes".equals(a) || "yes".equals(b) ? "yes" : "no";
    }

    @Override
    protected void clearStaging(String exportId) {
        storage.clearStage(exportId);
    }

    /**
     * A record's age band is widened (or removed) as its subject's level says; suppressed subjects lose every record.
     * A first pass reads the released subjects' values (their percentiles for top/bottom-coding, and which of them
     * single a subject out); the second writes the records in the release's order with values and day offsets as
     * the release shows them.
     */
    private void writeResearch(
            String exportId,
            int fileIndex,
            ExportJobParameters p,
            SubjectReleasePlan release,
            LDiversity.Plan outcomes,
            RecordOrder order,
            Function<String, DayOffsetCoarsening> offsets,
            DisclosureReport disclosed) {
        ReleasedValues.Collector collector = ReleasedValues.collector(catalog).minHolders(minValueHolders);
        UniqueValues before = new UniqueValues();
        storage.forEachStaged(exportId, ExportStorage.KIND_RESEARCH, (subject, age, line) -> {
            ObjectNode record = parse(line);
            if (release.level(subject.subject()) >= 0
                    && release.items().released(subject.subject(), ResearchRecordItems.of(line, record))) {
                String variable = ResearchRecordRelease.variable(record);
                for (String m : MEASUREMENTS) {
                    BigDecimal value = ResearchRecordRelease.value(record, m);
                    collector.add(variable, value, subject.subject());
                    before.add(subject.subject(), variable, value);
                }
            }
        });
        ReleasedValues values = collector.build();
        ResearchRecordRelease released = new ResearchRecordRelease(values);
        UniqueValues after = new UniqueValues();
        boolean csv = "csv".equals(p.getFormat());
        PartWriter out = new PartWriter(exportId, fileIndex, ExportJobParameters.TYPE_RESEARCH);
        if (csv) {
            out.header(ResearchCsv.header());
        }
        storage.forEachStaged(exportId, ExportStorage.KIND_RESEARCH, order, (subject, age, line) -> {
            int level = release.level(subject.subject());
            if (level < 0) {
                report.recordsSuppressed++;
                return;
            }
            ObjectNode record = parse(line);
            if (!release.items().released(subject.subject(), ResearchRecordItems.of(line, record))) {
                report.recordsSuppressed++;
                disclosed.setValued.recordsSuppressed++;
                return;
            }
            if (ResearchRecordItems.apply(record, subject.subject(), release.items(), catalog)) {
                disclosed.setValued.recordsGeneralized++;
            }
            String band = KAnonymity.band(level, age);
            if (!band.equals(KAnonymity.band(0, age))) {
                report.recordsGeneralized++;
            }
            record.put("ageBand", band);
            if (!outcomes.released(release.quasi(subject.subject()))) {
                record.remove("adverseEventClass");
                record.put("adverseEventSuppressed", true);
            }
            released.apply(record, offsets.apply(line));
            String variable = ResearchRecordRelease.variable(record);
            for (String m : MEASUREMENTS) {
                after.add(subject.subject(), variable, ResearchRecordRelease.value(record, m));
            }
            report.recordsReleased++;
            out.line(csv ? ResearchCsv.line(record) : record.toString());
        });
        out.close();
        disclosed.uniqueValues = DisclosureReport.UniqueValueCounts.of(before, after);
        disclosed.valueCoding = DisclosureReport.valueCoding(catalog, values);
    }

    /**
     * A bundle's Patient keeps what its subject's level allows ({@link BundleGeneralizer}); bundles of
     * suppressed subjects are not released.
     */
    private void writeBundles(
            String exportId,
            int fileIndex,
            ExportJobParameters p,
            SubjectReleasePlan release,
            LDiversity.Plan outcomes,
            RecordOrder order,
            DisclosureReport disclosed) {
        PartWriter out = new PartWriter(exportId, fileIndex, ExportJobParameters.TYPE_BUNDLE);
        RegistryPusher.Session push = p.isPush() && registry != null ? registry.session() : null;
        storage.forEachStaged(exportId, ExportStorage.KIND_BUNDLE, order, (subject, age, line) -> {
            int level = release.level(subject.subject());
            if (level < 0) {
                report.bundlesSuppressed++;
                return;
            }
            String items = BundleItems.released(line, subject.subject(), release.items(), catalog);
            if (items == null) {
                report.bundlesSuppressed++;
                disclosed.setValued.bundlesSuppressed++;
                return;
            }
            String staged = outcomes.released(release.quasi(subject.subject()))
                    ? items
                    : BundleAdverseEvents.withoutAdverseEvents(items);
            String released = BundleGeneralizer.generalize(staged, level);
            if (!released.equals(staged)) {
                report.bundlesGeneralized++;
            }
            report.bundlesReleased++;
            out.line(released);
            if (push != null) {
                push.put(released);
            }
        });
        out.close();
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
