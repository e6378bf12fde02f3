package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** What one research export covers and how it is written. Stored with the job instance. */
public class ExportJobParameters implements IModelJson {

    public static final String TYPE_RESEARCH = "ResearchTransition";
    public static final String TYPE_BUNDLE = "Bundle";

    @JsonProperty("groupId")
    private String groupId;

    @JsonProperty("since")
    private String since;

    @JsonProperty("types")
    private List<String> types = new ArrayList<>();

    @JsonProperty("format")
    private String format;

    @JsonProperty("k")
    private int k;

    /** m of k^m over each subject's items; null (jobs started before it was recorded): the server's. */
    @JsonProperty("setValuedM")
    private Integer setValuedM;

    @JsonProperty("push")
    private boolean push;

    @JsonProperty("request")
    private String request;

    @JsonProperty("transactionTime")
    private String transactionTime;

    @JsonProperty("pseudonyms")
    private String pseudonyms;

    @JsonProperty("pseudonymSalt")
    private String pseudonymSalt;

    @JsonProperty("owner")
    private String owner;

    public String getGroupId() {
        return groupId;
    }

    public ExportJobParameters setGroupId(String groupId) {
        this.groupId = groupId;
        return this;
    }

    public String getSince() {
        return since;
    }

    public ExportJobParameters setSince(String since) {
        this.since = since;
        return this;
    }

    public List<String> getTypes() {
        return types;
    }

    public ExportJobParameters setTypes(List<String> types) {
        this.types = new ArrayList<>(types);
        return this;
    }
    /** {@code ndjson} or {@code csv} (csv applies to research records; bundles are always NDJSON). */
    public String getFormat() {
        return format;
    }

    public ExportJobParameters setFormat(String format) {
        this.format = format;
        return this;
    }

    public int getK() {
        return k;
    }

    public ExportJobParameters setK(int k) {
        this.k = k;
        return this;
    }

    public Integer getSetValuedM() {
        return setValuedM;
    }

    public ExportJobParameters setSetValuedM(Integer setValuedM) {
        this.setValuedM = setValuedM;
        return this;
    }

    public boolean isPush() {
        return push;
    }

    public ExportJobParameters setPush(boolean push) {
        this.push = push;
        return this;
    }

    public String getRequest() {
        return request;
    }

    public ExportJobParameters setRequest(String request) {
        this.request = request;
        return this;
    }

    public String getTransactionTime() {
        return transactionTime;
    }

    public ExportJobParameters setTransactionTime(String transactionTime) {
        this.transactionTime = transactionTime;
        return this;
    }
    /** {@code consistent} (default) or {@code per-export}: whether pseudonyms and date shifts link to other exports. */
    public String getPseudonyms() {
        return pseudonyms == null ? DisclosureReport.PSEUDONYMS_CONSISTENT : pseudonyms;
    }

    public ExportJobParameters setPseudonyms(String pseudonyms) {
        this.pseudonyms = pseudonyms;
        return this;
    }
    /** The random salt of a per-export key (null for consistent pseudonyms); useless without the server's key. */
    public String getPseudonymSalt() {
        return pseudonymSalt;
    }

    public ExportJobParameters setPseudonymSalt(String pseudonymSalt) {
        this.pseudonymSalt = pseudonymSalt;
        return this;
    }
    /** The client that kicked the export off; only it (or an administrator) may poll, cancel and download. */
    public String getOwner() {
        return owner;
    }

    public ExportJobParameters setOwner(String owner) {
        this.owner = owner;
        return this;
    }
}
