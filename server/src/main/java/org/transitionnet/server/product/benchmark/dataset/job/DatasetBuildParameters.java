package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one dataset build covers, as checked and fixed at kick-off. Stored with the job instance.
 *
 * @param tasks              ids of the requested tasks, in catalogue order
 * @param k                  smallest group of subjects sharing released quasi-identifiers
 * @param minHeldOutSubjects held-out subjects a task needs to be published; null: each task's own
 *                           {@code minHeldOutSubjects}
 * @param minHeldOutRecords  held-out records each task needs, by task id, as resolved at kick-off
 * @param demonstration      whether a threshold was lowered: the version is a demonstration, not a benchmark
 * @param releaseTime        the build's kick-off time (whole seconds); the de-identification engine's release time
 * @param builtBy            the client that asked for the build (its token's client id), or null without a token
 * @param familyId           the version family fixed at kick-off: staging keys ids and shifts under it and the version
 *                           is labelled with it (null in builds started before families were fixed at kick-off)
 * @param setValuedM         m of k^m the build releases under; null (builds started before it was recorded): the
 *                           server's
 */
public record DatasetBuildParameters(
        @JsonProperty("tasks") List<String> tasks,
        @JsonProperty("k") int k,
        @JsonProperty("minHeldOutSubjects") Integer minHeldOutSubjects,
        @JsonProperty("minHeldOutRecords") Map<String, Integer> minHeldOutRecords,
        @JsonProperty("demonstration") boolean demonstration,
        @JsonProperty("releaseTime") String releaseTime,
        @JsonProperty("builtBy") String builtBy,
        @JsonProperty("familyId") String familyId,
        @JsonProperty("setValuedM") Integer setValuedM)
        implements IModelJson {

    public DatasetBuildParameters {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        minHeldOutRecords = Collections.unmodifiableMap(
                minHeldOutRecords == null ? new LinkedHashMap<>() : new LinkedHashMap<>(minHeldOutRecords));
    }
}
