package org.transitionnet.server.record.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.record.patient.PatientsAtCommit;

/**
 * The clinical-fact projection in the shared database: one row per state measurement, action fact
 * and condition / adverse-event fact, each with its source resource (type, id, version), and per
 * patient the catalogue version their facts were built with. Writes join the caller's transaction
 * (same DataSource), so facts commit or roll back with the resource they come from. Derivation reads a
 * patient with three indexed queries.
 */
public class FactStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TABLES = {"tn_fact_measurement", "tn_fact_action", "tn_fact_event"};
    /** The one table each non-action source type contributes to; every action kind's type goes to tn_fact_action. */
    private static final java.util.Map<String, String> TABLE_OF_TYPE = java.util.Map.of(
            "Observation", "tn_fact_measurement", "Condition", "tn_fact_event", "AdverseEvent", "tn_fact_event");

    /** Lock order of the writes before commit: this patient row before the dirty mark. */
    public static final int SOURCE_CHANGE_ORDER = 100;

    private final JdbcTemplate jdbc;
    private final MappingCatalogue catalog;
    private final DatabaseKind databaseKind;
    private final PatientsAtCommit sourceChanges;

    public FactStore(JdbcTemplate jdbc, MappingCatalogue catalog, DatabaseKind databaseKind) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.databaseKind = databaseKind;
        this.sourceChanges = new PatientsAtCommit(this::countSourceChange, SOURCE_CHANGE_ORDER);
    }

    /**
     * Counts a change of the patient's sources on their patient row ({@code source_changes}, {@code sources_changed_at}),
     * once per transaction, just before it commits; derivation records the count it covered (see DerivationLedger).
     */
    public void sourcesChanged(String patientId) {
        if (patientId != null) {
            sourceChanges.add(patientId);
        }
    }

    private void countSourceChange(String patientId) {
        Timestamp now = Timestamp.from(Instant.now());
        // A patient without a row (stored before the projection) gets one with no catalogue version: not current.
        if (databaseKind == DatabaseKind.POSTGRESQL) {
            jdbc.update(
                    "INSERT INTO tn_fact_patient (patient_id, catalogue_version, source_changes, sources_changed_at) VALUES (?, '', 1, ?) "
                            + "ON CONFLICT (patient_id) DO UPDATE SET source_changes = tn_fact_patient.source_changes + 1, "
                            + "sources_changed_at = EXCLUDED.sources_changed_at",
                    patientId,
                    now);
        } else if (jdbc.update(
                        "UPDATE tn_fact_patient SET source_changes = source_changes + 1, sources_changed_at = ? WHERE patient_id = ?",
                        now,
                        patientId)
                == 0) {
            jdbc.update(
                    "INSERT INTO tn_fact_patient (patient_id, catalogue_version, source_changes, sources_changed_at) VALUES (?, '', 1, ?)",
                    patientId,
                    now);
        }
    }

    /** Adds what a newly created source resource contributes (a new id has no facts yet: nothing to delete). */
    public void addSource(String patientId, Long version, FactExtractor.SourceFacts facts) {
        if (patientId != null && !facts.isEmpty()) {
            insert(patientId, version, facts);
        }
    }

    /** Replaces what one updated source resource contributes (nothing, when its facts are empty). */
    public void replaceSource(
            String sourceType, String sourceId, String patientId, Long version, FactExtractor.SourceFacts facts) {
        deleteSource(sourceType, sourceId);
        addSource(patientId, version, facts);
    }

    public void deleteSource(String sourceType, String sourceId) {
        String table =
                catalog.actionResourceTypes().contains(sourceType) ? "tn_fact_action" : TABLE_OF_TYPE.get(sourceType);
        if (table != null) {
            jdbc.update("DELETE FROM " + table + " WHERE source_type = ? AND source_id = ?", sourceType, sourceId);
        }
    }

    /** Everything of a patient (a deleted patient keeps no facts). */
    public void deletePatient(String patientId) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table + " WHERE patient_id = ?", patientId);
        }
        jdbc.update("DELETE FROM tn_fact_patient WHERE patient_id = ?", patientId);
    }

    /** Replaces all of a patient's facts (a rebuild) and records them as built with the current catalogue. */
    public void replacePatient(String patientId, List<VersionedFacts> sources) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table + " WHERE patient_id = ?", patientId);
        }
        for (VersionedFacts s : sources) {
            insert(patientId, s.version(), s.facts());
        }
        markCurrent(patientId);
    }

    /** One source's facts with the source version they were read from. */
    public record VersionedFacts(Long version, FactExtractor.SourceFacts facts) {}

    /** Whether the patient's facts were built with the current catalogue (new patients are, from their first write). */
    public boolean isCurrent(String patientId) {
        List<String> versions = jdbc.queryForList(
                "SELECT catalogue_version FROM tn_fact_patient WHERE patient_id = ?", String.class, patientId);
        return !versions.isEmpty() && catalog.version().equals(versions.get(0));
    }

    public void markCurrent(String patientId) {
        if (databaseKind == DatabaseKind.POSTGRESQL) {
            jdbc.update(
                    "INSERT INTO tn_fact_patient (patient_id, catalogue_version) VALUES (?, ?) "
                            + "ON CONFLICT (patient_id) DO UPDATE SET catalogue_version = EXCLUDED.catalogue_version",
                    patientId,
                    catalog.version());
        } else {
            jdbc.update(
                    "MERGE INTO tn_fact_patient (patient_id, catalogue_version) KEY (patient_id) VALUES (?, ?)",
                    patientId,
                    catalog.version());
        }
    }

    /** Patients whose facts were built with another catalogue version (or are being rebuilt). */
    public long staleCount() {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM tn_fact_patient WHERE catalogue_version <> ?", Long.class, catalog.version());
        return n == null ? 0 : n;
    }

    public PatientFacts read(String patientId) {
        List<StateMeasurement> measurements = new ArrayList<>();
        jdbc.query(
                "SELECT variable, effective_ms, value_text, source_id FROM tn_fact_measurement WHERE patient_id = ?",
                rs -> {
                    catalog.stateVariable(rs.getString(1)).ifPresent(v -> {
                        try {
                            measurements.add(new StateMeasurement(
                                    v,
                                    Instant.ofEpochMilli(rs.getLong(2)),
                                    new BigDecimal(rs.getString(3)),
                                    "Observation/" + rs.getString(4)));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                },
                patientId);
        List<ActionFact> actions = jdbc.query(
                "SELECT source_type, source_id, action_class, start_ms, end_ms, status, dose, frequency, route, codes "
                        + "FROM tn_fact_action WHERE patient_id = ?",
                (rs, i) -> new ActionFact(
                        rs.getString(1) + "/" + rs.getString(2),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getObject(5) == null ? null : Instant.ofEpochMilli(rs.getLong(5)),
                        ActionEpisode.Status.valueOf(rs.getString(6)),
                        new ActionEpisode.Dosage(rs.getString(7), rs.getString(8), rs.getString(9)),
                        codings(rs.getString(10))),
                patientId);
        List<EventFact> events = jdbc.query(
                "SELECT source_type, source_id, event_ms, codes FROM tn_fact_event WHERE patient_id = ?",
                (rs, i) -> new EventFact(
                        rs.getString(1) + "/" + rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        codings(rs.getString(4))),
                patientId);
        return new PatientFacts(patientId, measurements, actions, events);
    }

    private void insert(String patientId, Long version, FactExtractor.SourceFacts facts) {
        for (StateMeasurement m : facts.measurements()) {
            String[] source = split(m.source());
            jdbc.update(
                    "INSERT INTO tn_fact_measurement (patient_id, source_type, source_id, source_version, variable, effective_ms, value_text) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    patientId,
                    source[0],
                    source[1],
                    version,
                    m.variable().id(),
                    m.time().toEpochMilli(),
                    m.value().toString());
        }
        for (ActionFact a : facts.actions()) {
            String[] source = split(a.source());
            jdbc.update(
                    "INSERT INTO tn_fact_action (patient_id, source_type, source_id, source_version, action_class, start_ms, end_ms, status, "
                            + "dose, frequency, route, codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new Object[] {
                        patientId,
                        source[0],
                        source[1],
                        version,
                        a.actionClass(),
                        a.start().toEpochMilli(),
                        a.end() == null ? null : a.end().toEpochMilli(),
                        a.status().name(),
                        a.dosage().dose(),
                        a.dosage().frequency(),
                        a.dosage().route(),
                        json(a.codes())
                    },
                    new int[] {
                        Types.VARCHAR,
                        Types.VARCHAR,
                        Types.VARCHAR,
                        Types.BIGINT,
                        Types.VARCHAR,
                        Types.BIGINT,
                        Types.BIGINT,
                        Types.VARCHAR,
                        Types.VARCHAR,
                        Types.VARCHAR,
                        Types.VARCHAR,
                        Types.VARCHAR
                    });
        }
        for (EventFact e : facts.events()) {
            String[] source = split(e.source());
            jdbc.update(
                    "INSERT INTO tn_fact_event (patient_id, source_type, source_id, source_version, event_ms, codes) VALUES (?, ?, ?, ?, ?, ?)",
                    patientId,
                    source[0],
                    source[1],
                    version,
                    e.time().toEpochMilli(),
                    json(e.codes()));
        }
    }

    private static String[] split(String reference) {
        int slash = reference.indexOf('/');
        return new String[] {reference.substring(0, slash), reference.substring(slash + 1)};
    }

    private static String json(List<Coding> codes) {
        ArrayNode array = JSON.createArrayNode();
        for (Coding c : codes) {
            ObjectNode o = array.addObject();
            if (c.getSystem() != null) {
                o.put("system", c.getSystem());
            }
            if (c.getCode() != null) {
                o.put("code", c.getCode());
            }
            if (c.getDisplay() != null) {
                o.put("display", c.getDisplay());
            }
        }
        return array.toString();
    }

    private static List<Coding> codings(String json) {
        List<Coding> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try {
            for (JsonNode c : JSON.readTree(json)) {
                out.add(new Coding(
                        c.hasNonNull("system") ? c.path("system").asText() : null,
                        c.hasNonNull("code") ? c.path("code").asText() : null,
                        c.hasNonNull("display") ? c.path("display").asText() : null));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored codes are not JSON", e);
        }
        return out;
    }
}
