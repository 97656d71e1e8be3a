package org.eventdedup.worker.adapter.persistence;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Collection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows sent with PostgreSQL's {@code COPY … FROM STDIN} (text format) on a run's connection: the bulk path for
 * hundreds of thousands of rows, where batched statements spend their time in round trips and per-row execution.
 */
final class CopyRows {

    private final Handle handle;

    CopyRows(Handle handle) {
        this.handle = handle;
    }

    /** Appends one row; values are strings (escaped), numbers, booleans, dates or null. */
    static void row(StringBuilder rows, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                rows.append("\\N");
            } else if (value instanceof String text) {
                escape(rows, text);
            } else if (value instanceof Number || value instanceof Boolean || value instanceof java.time.LocalDate) {
                // Double.toString round-trips exactly and PostgreSQL reads its forms (1.0E-5, NaN, Infinity)
                rows.append(value);
            } else {
                throw new IllegalArgumentException("no COPY text form for " + value.getClass().getSimpleName());
            }
        }
        rows.append('\n');
    }

    /** The array literal of {@code values} ({@code {"a","b"}}), each element quoted; goes into a row as a string. */
    static String array(Collection<String> values) {
        StringBuilder literal = new StringBuilder(2 + values.size() * 24).append('{');
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private static void escape(StringBuilder rows, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
    }

    /** Runs {@code copySql} ({@code COPY table [(columns)] FROM STDIN (FORMAT binary)}) with {@code rows}. */
    void in(String copySql, BinaryRows rows) {
        try {
            CopyManager copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(copySql, new java.io.ByteArrayInputStream(rows.finish()));
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code copySql} ({@code COPY table [(columns)] FROM STDIN}) with {@code rows}. */
    void in(String copySql, CharSequence rows) {
        try {
            CopyManager copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(copySql, new StringReader(rows.toString()));
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
