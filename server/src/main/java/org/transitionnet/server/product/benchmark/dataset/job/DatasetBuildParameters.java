package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** What one dataset build covers, as checked at kick-off. Stored with the job instance. */
public class DatasetBuildParameters implements IModelJson {

    @JsonProperty("tasks")
    private List<String> tasks = new ArrayList<>();

    @JsonProperty("k")
    private int k;

    @JsonProperty("minHeldOutSubjects")
    private Integer minHeldOutSubjects;

    @JsonProperty("minHeldOutRecords")
    private java.util.Map<String, Integer> minHeldOutRecords = new java.util.LinkedHashMap<>();

    @JsonProperty("demonstration")
    private boolean demonstration;

    @JsonProperty("releaseTime")
    private String releaseTime;

    @JsonProperty("builtBy")
    private String builtBy;

    @JsonProperty("familyId")
    private String familyId;

    /** Ids of the requested tasks, in catalogue order. */
    public List<String> getTasks() {
        return tasks;
    }

    public DatasetBuildParameters setTasks(List<String> tasks) {
        this.tasks = new ArrayList<>(tasks);
        return this;
    }
    /** Smallest group of subjects sharing released quasi-identifiers. */
    public int getK() {
        return k;
    }

    public DatasetBuildParameters setK(int k) {
        this.k = k;
        return this;
    }
    /** Held-out subjects a task needs to be published; null: each task's own {@code minHeldOutSubjects}. */
    public Integer getMinHeldOutSubjects() {
        return minHeldOutSubjects;
    }

    public DatasetBuildParameters setMinHeldOutSubjects(Integer minHeldOutSubjects) {
        this.minHeldOutSubjects = minHeldOutSubjects;
        return this;
    }
    /** Held-out records each task needs, by task id, as resolved at kick-off. */
    public java.util.Map<String, Integer> getMinHeldOutRecords() {
        return minHeldOutRecords;
    }

    public DatasetBuildParameters setMinHeldOutRecords(java.util.Map<String, Integer> minHeldOutRecords) {
        this.minHeldOutRecords = new java.util.LinkedHashMap<>(minHeldOutRecords);
        return this;
    }
    /** Whether a threshold was lowered: the version is a demonstration, not a benchmark. */
    public boolean isDemonstration() {
        return demonstration;
    }

    public DatasetBuildParameters setDemonstration(boolean demonstration) {
        this.demonstration = demonstration;
        return this;
    }
    /** The build's kick-off time (whole seconds); the de-identification engine's release time. */
    public String getReleaseTime() {
        return releaseTime;
    }

    public DatasetBuildParameters setReleaseTime(String releaseTime) {
        this.releaseTime = releaseTime;
        return this;
    }
    /** The client that asked for the build (its token's client id), or null without a token. */
    public String getBuiltBy() {
        return builtBy;
    }

    public DatasetBuildParameters setBuiltBy(String builtBy) {
        this.builtBy = builtBy;
        return this;
    }
    /** The version family fixed at kick-off: staging keys ids and shifts under it and the version is labelled with it. */
    public String getFamilyId() {
        return familyId;
    }

    public DatasetBuildParameters setFamilyId(String familyId) {
        this.familyId = familyId;
        return this;
    }
}
