package org.transitionnet.server.product.export.job;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.release.deid.RecordOrder;
import org.transitionnet.server.release.policy.KAnonymity;
import org.transitionnet.server.release.policy.SubjectQuasi;

/**
 * Export data in the shared database, so any node can run a chunk or serve a download: staged
 * (de-identified, not yet k-anonymized) lines per export, and the released output, written in
 * parts of bounded size so neither writing nor downloading holds a whole file in memory.
 */
public class ExportStorage {

    private static final int PAGE = 200;

    private final JdbcTemplate jdbc;

    public ExportStorage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param age the research record's age in years (for its band); null for other kinds */
    public void stage(String exportId, String kind, String subject, Integer age, String line) {
        jdbc.update(
                "INSERT INTO tn_export_stage (export_id, kind, subject, age, line) VALUES (?, ?, ?, ?, ?)",
                exportId,
                kind,
                subject,
                age,
                line);
    }

    /** Kind of a staged research record (one JSON line, its age kept apart for the band). */
    public static final String KIND_RESEARCH = "research";
    /** Kind of a staged de-identified TransitionBundle. */
    public static final String KIND_BUNDLE = "bundle";
    /** Kind of the one staged row per subject that summarizes what the export releases about them. */
    public static final String KIND_SUBJECT = "subject";

    /** Stages the subject's summary, read by {@link #subjects} for k-anonymity and beside each of their lines. */
    public void stageSubject(String exportId, SubjectQuasi subject) {
        stage(exportId, KIND_SUBJECT, subject.subject(), null, subject.toJson());
    }

    /** Every staged subject summary of an export, once each, a page at a time (keyset paging on the row id). */
    public KAnonymity.SubjectSource subjects(String exportId) {
        return action -> {
            long after = -1;
            while (true) {
                List<Object[]> page = jdbc.query(
                        "SELECT id, line FROM tn_export_stage WHERE export_id = ? AND kind = ? AND id > ? "
                                + "ORDER BY id LIMIT " + PAGE,
                        (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)},
                        exportId,
                        KIND_SUBJECT,
                        after);
                for (Object[] row : page) {
                    action.accept(SubjectQuasi.fromJson((String) row[1]));
                    after = (Long) row[0];
                }
                if (page.size() < PAGE) {
                    return;
                }
            }
        };
    }

    /**
     * Staged lines of one kind in staging order, each with its subject's summary, read page by page
     * (keyset paging on the row id), so memory stays bounded without holding a cursor open while the
     * handler writes.
     */
    public void forEachStaged(String exportId, String kind, StagedLineHandler handler) {
        forEachStaged(exportId, kind, new RecordOrder(1, 0), handler);
    }

    /**
     * Every staged line of the kind with its subject, in the release's order (a keyed permutation of the staging
     * order), a page at a time.
     */
    public void forEachStaged(String exportId, String kind, RecordOrder order, StagedLineHandler handler) {
        String position = order.sql("l.id");
        long afterPosition = -1;
        long afterId = -1;
        while (true) {
            List<Object[]> page = jdbc.query(
                    "SELECT l.id, l.age, l.line, s.line, " + position + " AS pos FROM tn_export_stage l "
                            + "JOIN tn_export_stage s ON s.export_id = l.export_id AND s.kind = '" + KIND_SUBJECT
                            + "' AND s.subject = l.subject "
                            + "WHERE l.export_id = ? AND l.kind = ? AND (" + position + " > ? OR (" + position
                            + " = ? AND l.id > ?)) ORDER BY pos, l.id LIMIT " + PAGE,
                    (rs, i) -> new Object[] {
                        rs.getLong(1), rs.getObject(2), rs.getString(3), rs.getString(4), rs.getLong(5)
                    },
                    exportId,
                    kind,
                    afterPosition,
                    afterPosition,
                    afterId);
            for (Object[] row : page) {
                handler.handle(
                        SubjectQuasi.fromJson((String) row[3]),
                        row[1] == null ? null : ((Number) row[1]).intValue(),
                        (String) row[2]);
                afterId = (Long) row[0];
                afterPosition = (Long) row[4];
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    @FunctionalInterface
    public interface StagedLineHandler {
        void handle(SubjectQuasi subject, Integer age, String line);
    }

    public void removeStaged(String exportId, String subject) {
        jdbc.update("DELETE FROM tn_export_stage WHERE export_id = ? AND subject = ?", exportId, subject);
    }

    public void clearStage(String exportId) {
        jdbc.update("DELETE FROM tn_export_stage WHERE export_id = ?", exportId);
    }

    /** Removes an export's output, so a reduction that runs again after a crash writes it afresh. */
    public void deleteParts(String exportId) {
        jdbc.update("DELETE FROM tn_export_part WHERE export_id = ?", exportId);
    }

    public void writePart(String exportId, int fileIndex, String outputType, int part, int lineCount, String content) {
        jdbc.update(
                "INSERT INTO tn_export_part (export_id, file_index, output_type, part, line_count, content) VALUES (?, ?, ?, ?, ?, ?)",
                exportId,
                fileIndex,
                outputType,
                part,
                lineCount,
                content);
    }

    /** One output file: its index, type and number of lines (records; a CSV header is not counted). */
    public record OutputFile(int fileIndex, String outputType, long count) {}

    public List<OutputFile> files(String exportId) {
        return jdbc.query(
                "SELECT file_index, output_type, SUM(line_count) FROM tn_export_part WHERE export_id = ? "
                        + "GROUP BY file_index, output_type ORDER BY file_index",
                (rs, i) -> new OutputFile(rs.getInt(1), rs.getString(2), rs.getLong(3)),
                exportId);
    }

    /** Streams a file's parts in order. */
    public void forEachPart(String exportId, int fileIndex, java.util.function.Consumer<String> part) {
        List<Map<String, Object>> parts = jdbc.queryForList(
                "SELECT part FROM tn_export_part WHERE export_id = ? AND file_index = ? ORDER BY part",
                exportId,
                fileIndex);
        for (Map<String, Object> p : parts) {
            part.accept(jdbc.queryForObject(
                    "SELECT content FROM tn_export_part WHERE export_id = ? AND file_index = ? AND part = ?",
                    String.class,
                    exportId,
                    fileIndex,
                    ((Number) p.get("part")).intValue()));
        }
    }

    /** Every export that has staged or output data. */
    public List<String> exportIds() {
        return jdbc.queryForList(
                "SELECT export_id FROM tn_export_part UNION SELECT export_id FROM tn_export_stage", String.class);
    }

    public void delete(String exportId) {
        clearStage(exportId);
        deleteParts(exportId);
    }
}
