package org.transitionnet.server.product.benchmark.dataset;

import java.util.List;

/** Writes every released file of a dataset version (records, MEDS layout, card, README) from its content. */
public interface DatasetFilesWriter {

    /** The released files; labels of held_out records appear in none of them. */
    List<DatasetFile> write(DatasetContent content);
}
