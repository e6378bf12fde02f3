package org.transitionnet.server.product.benchmark.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet bytes back with parquet-java, a reader independent of the DuckDB that wrote them:
 * the file's schema as stored in its footer, and its rows as plain Java values (INT64 as Long,
 * timestamps as their raw micros, FLOAT as Float, DOUBLE as Double, strings, lists of strings, null
 * for an absent optional value).
 */
final class ParquetReadBack {

    record Table(MessageType schema, List<Map<String, Object>> rows) {

        PrimitiveType primitive(String column) {
            return schema.getType(column).asPrimitiveType();
        }

        List<String> columns() {
            return schema.getFields().stream().map(Type::getName).toList();
        }
    }

    private ParquetReadBack() {}

    static Table read(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("readback-", ".parquet");
        try {
            Files.write(file, bytes);
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                List<Map<String, Object>> rows = new ArrayList<>();
                PageReadStore pages;
                while ((pages = reader.readNextRowGroup()) != null) {
                    RecordReader<Group> records = new ColumnIOFactory()
                            .getColumnIO(schema)
                            .getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(row(records.read(), schema));
                    }
                }
                return new Table(schema, rows);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, Object> row(Group g, GroupType type) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Type field : type.getFields()) {
            row.put(field.getName(), value(g, field));
        }
        return row;
    }

    private static Object value(Group g, Type field) {
        String name = field.getName();
        if (g.getFieldRepetitionCount(name) == 0) {
            return null;
        }
        if (!field.isPrimitive()) {
            // A LIST: group (LIST) { repeated group list { element } }.
            Group list = g.getGroup(name, 0);
            List<Object> values = new ArrayList<>();
            GroupType repeated = field.asGroupType().getType(0).asGroupType();
            for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
                values.add(value(list.getGroup(0, i), repeated.getType(0)));
            }
            return values;
        }
        PrimitiveType p = field.asPrimitiveType();
        return switch (p.getPrimitiveTypeName()) {
            case INT64 -> g.getLong(name, 0);
            case INT32 -> g.getInteger(name, 0);
            case FLOAT -> g.getFloat(name, 0);
            case DOUBLE -> g.getDouble(name, 0);
            case BOOLEAN -> g.getBoolean(name, 0);
            case BINARY ->
                p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        ? g.getString(name, 0)
                        : g.getBinary(name, 0).getBytes();
            default -> throw new IllegalStateException("unexpected column type " + p);
        };
    }
}
