package org.transitionnet.server.product.benchmark.dataset;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;

/**
 * The {@code README.md} of a dataset version: what each file holds and where, how labels are released
 * (train and tuning only) and the safety boundary, so a downloaded version explains itself without
 * the server.
 */
final class VersionReadme {

    private VersionReadme() {}

    static String of(DatasetContent c, int shards) {
        DatasetVersion v = c.version();
        StringBuilder md = new StringBuilder();
        md.append("# TransitionNet benchmark dataset ")
                .append(v.datasetId())
                .append(" (version ")
                .append(v.semver())
                .append(")\n\n");
        Set<String> boundaries = new LinkedHashSet<>();
        c.tasks().forEach(t -> boundaries.add(t.safetyBoundary()));
        boundaries.forEach(b -> md.append("> **").append(b).append("**\n\n"));
        md.append("Created ")
                .append(v.createdAt())
                .append("; content hash `")
                .append(v.contentHash())
                .append("`; mapping catalogue ")
                .append(v.catalogueVersion())
                .append("; de-identification ")
                .append(v.deidVersion())
                .append(". This version never changes: a rebuild with other data is a new version.\n\n");
        md.append(
                "The dataset card (`card.md`, `card.json`) gives counts, distributions, missingness, the provenance of every field, "
                        + "known biases and the baselines' scores.\n\n");
        md.append("## Splits and labels\n\n")
                .append(
                        "Subjects are assigned to `train`, `tuning` or `held_out` by a keyed hash of their pseudonym: one split per subject, the same in every task and version. ")
                .append(
                        "Train and tuning records carry their labels. Held-out records are inputs only: their labels (direction, change, follow-up, adverse event) are in no file; ")
                .append(
                        "submit predictions for them to `$evaluate`. Times are shifted per subject; day offsets count whole days from the episode start (the prediction time).\n\n");
        md.append("## Files\n\n| path | content |\n| --- | --- |\n");
        for (BenchmarkTask t : c.tasks()) {
            for (Split split : Split.values()) {
                String what = split.labelsReleased() ? "records with labels" : "records, inputs only";
                md.append("| `")
                        .append(RecordFiles.path(t.id(), split, "ndjson"))
                        .append("` | ")
                        .append(t.id())
                        .append(", ")
                        .append(split.code())
                        .append(": ")
                        .append(what)
                        .append(", one JSON object per line |\n");
                md.append("| `")
                        .append(RecordFiles.path(t.id(), split, "csv"))
                        .append("` | the same as CSV (RFC 4180, header line, CRLF) |\n");
            }
        }
        md.append("| `data/0.parquet`")
                .append(shards > 1 ? " … `data/" + (shards - 1) + ".parquet`" : "")
                .append(
                        " | MEDS events of all subjects (subject_id int64, time timestamp[us], code string, numeric_value float32); each subject in one file |\n");
        md.append(
                "| `metadata/dataset.json` | MEDS dataset metadata (dataset_version = this version's semver, etl_version = the mapping catalogue version) |\n");
        md.append(
                "| `metadata/codes.parquet` | every code with a description and parent_codes (the action-class hierarchy) |\n");
        md.append("| `metadata/subject_splits.parquet` | subject_id and split of every subject |\n");
        md.append("| `")
                .append(MedsWriter.RECORD_IDS)
                .append("` | subject_id, prediction_time, task, split and record_id of every record ")
                .append("(predictions name record ids); within a task and split in the label files' row order |\n");
        for (BenchmarkTask t : c.tasks()) {
            for (Split split : List.of(Split.TRAIN, Split.TUNING)) {
                for (String target : MedsWriter.TARGETS) {
                    md.append("| `")
                            .append(MedsWriter.labelPath(t.id(), target, split))
                            .append("` | MEDS labels (subject_id, prediction_time, ")
                            .append(labelColumn(target))
                            .append("; nothing else) |\n");
                }
            }
            md.append("| `")
                    .append(MedsWriter.predictionTimesPath(t.id()))
                    .append(
                            "` | held-out subject_id, prediction_time, record_id: when to predict, no values (outside `labels/`) |\n");
        }
        md.append("| `card.json`, `card.md` | the dataset card |\n\n");
        md.append(
                        "MEDS label tasks: with `labels/` as the task root, each task and target is one MEDS task named `<task>/<target>` ")
                .append("(for example `")
                .append(c.tasks().isEmpty() ? "<task>" : c.tasks().get(0).id())
                .append("/change`), whose files are ")
                .append("`labels/<task>/<target>/*.parquet`; each file has exactly MEDS v0.4's label columns.\n\n");
        md.append("## Record fields\n\n")
                .append(
                        "`recordId`, `task`, `subjectId` (= MEDS subject_id), `split`, `predictionTime`, `ageBand`, `sex` (absent when withheld), ")
                .append(
                        "`actionClass` (the episode's class and its ancestors, most specific first), `coInterventionClass`, ")
                .append(
                        "`baseline` {variable, value, unit, time, dayOffset}, `inputs` {variable: {variable, value, unit, time, dayOffset}} (absent when not measured), ")
                .append(
                        "and for train and tuning `label` {direction, change, followUp, followUpTime, followUpDayOffset, adverseEvent}. ")
                .append(
                        "CSV columns are the same fields named by their JSON path (`baseline.value`, `inputs.bmi.dayOffset`, `label.change`); ")
                .append("classes are joined with `;`, absent values are empty.\n\n");
        for (BenchmarkTask t : c.tasks()) {
            md.append("- `")
                    .append(t.id())
                    .append("` ")
                    .append(t.version())
                    .append(": target `")
                    .append(t.targetVariable())
                    .append("` (")
                    .append(t.changeUnit())
                    .append("), inputs ");
            md.append(
                    t.baselineInputs().isEmpty()
                            ? "none"
                            : String.join(
                                    ", ",
                                    t.baselineInputs().stream()
                                            .map(InputVariable::variable)
                                            .toList()));
            md.append(", follow-up ")
                    .append(t.minFollowUpDays())
                    .append("–")
                    .append(t.maxFollowUpDays())
                    .append(" days.\n");
        }
        md.append("\n## MEDS codes\n\n")
                .append(
                        "`SEX//<code>` and `AGE_BAND//<band>` are static (no time; a subject with episodes at different ages has one age band per episode start). ")
                .append(
                        "`STATE//<variable>` is a measurement in the variable's canonical unit at its shifted time, `ACTION//<class>` the start of an episode at the prediction time. ")
                .append(
                        "The target's follow-up measurement is an event only for train and tuning subjects; for a held-out subject, measurements of a task's target ")
                .append("after a held-out prediction time and within the task's follow-up window are left out.\n");
        return md.toString();
    }

    private static String labelColumn(String target) {
        return switch (target) {
            case "direction" -> "categorical_value = direction";
            case "change" -> "float_value (float32) = change in the canonical unit";
            default -> "boolean_value = adverse event in the follow-up";
        };
    }
}
