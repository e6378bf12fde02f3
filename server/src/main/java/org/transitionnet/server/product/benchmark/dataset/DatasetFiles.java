package org.transitionnet.server.product.benchmark.dataset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every released file of a dataset version, from its content alone: the records as NDJSON and CSV
 * ({@link RecordFiles}), the MEDS layout ({@link MedsWriter}), the card ({@link DatasetCard}) and the
 * version's README ({@link VersionReadme}); sorted by path. No file holds a held-out label.
 */
public class DatasetFiles implements DatasetFilesWriter {

    static final String MARKDOWN = "text/markdown";

    private final int subjectsPerShard;

    public DatasetFiles() {
        this(MedsWriter.DEFAULT_SUBJECTS_PER_SHARD);
    }

    /** @param subjectsPerShard subjects per MEDS {@code data/<n>.parquet} file */
    public DatasetFiles(int subjectsPerShard) {
        this.subjectsPerShard = subjectsPerShard;
    }

    @Override
    public List<DatasetFile> write(DatasetContent content) {
        List<DatasetFile> files = new ArrayList<>(new RecordFiles().write(content));
        List<DatasetFile> meds = new MedsWriter(subjectsPerShard).write(content);
        files.addAll(meds);
        files.add(new DatasetFile(
                "card.json",
                MedsWriter.JSON_TYPE,
                (DatasetCard.json(content).toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8)));
        files.add(new DatasetFile(
                "card.md", MARKDOWN, DatasetCard.markdown(content).getBytes(StandardCharsets.UTF_8)));
        long shards = meds.stream().filter(f -> f.path().startsWith("data/")).count();
        files.add(new DatasetFile(
                "README.md", MARKDOWN, VersionReadme.of(content, (int) shards).getBytes(StandardCharsets.UTF_8)));
        files.sort(Comparator.comparing(DatasetFile::path));
        return files;
    }
}
