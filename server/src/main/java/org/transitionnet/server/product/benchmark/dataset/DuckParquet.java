package org.transitionnet.server.product.benchmark.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Parquet through a private in-memory DuckDB: tables are filled with DuckDB's appender and written with
 * {@code COPY (query) TO 'file' (FORMAT parquet)} into a temporary folder, whose files are read back
 * as bytes. DuckDB maps BIGINT to INT64, TIMESTAMP to INT64 TIMESTAMP(MICROS), VARCHAR to a UTF-8
 * BYTE_ARRAY, FLOAT to FLOAT, DOUBLE to DOUBLE, VARCHAR[] to a list of strings. It runs offline:
 * extensions are never installed or loaded (Parquet is built into the driver). Closing drops the
 * database and deletes the folder.
 */
final class DuckParquet implements AutoCloseable {

    private final Path dir;
    private final DuckDBConnection connection;
    private int written;

    private DuckParquet(Path dir, DuckDBConnection connection) {
        this.dir = dir;
        this.connection = connection;
    }

    static DuckParquet open() {
        Path dir;
        try {
            dir = Files.createTempDirectory("transitionnet-dataset-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for Parquet files", e);
        }
        Properties config = new Properties();
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        // One thread: the server's request and job threads share the machine; the tables are small.
        config.setProperty("threads", "1");
        config.setProperty("temp_directory", dir.resolve("spill").toString());
        try {
            return new DuckParquet(dir, (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", config));
        } catch (SQLException | RuntimeException | LinkageError e) {
            // LinkageError: the native library could not be extracted or loaded on this platform.
            delete(dir);
            throw new IllegalStateException(
                    "cannot start the in-memory DuckDB that writes Parquet: " + e.getMessage(), e);
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    DuckDBAppender appender(String table) throws SQLException {
        return connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    /** The Parquet bytes of a query's result, in the query's order. */
    byte[] parquet(String query) throws SQLException {
        Path file = dir.resolve((written++) + ".parquet");
        execute("COPY (" + query + ") TO " + literal(file.toString()) + " (FORMAT parquet)");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Parquet file DuckDB wrote", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Deleted with the folder on close.
            }
        }
    }

    /** A SQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A TIMESTAMP value: the instant in UTC, to the microsecond (MEDS {@code timestamp[us]}). */
    static LocalDateTime timestamp(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The in-memory database is gone with its connection either way.
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: the folder lies in the system's temporary directory.
                }
            });
        } catch (IOException ignored) {
            // Nothing left to delete.
        }
    }
}
