package org.eventdedup.worker.adapter.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Rows in the binary format of {@code COPY … FROM STDIN (FORMAT binary)}: numbers arrive as their bytes, so the
 * server parses no text for them (a third less server time than the text format for the decisions' five scores and
 * two bigints) and strings need no escaping. Each row must give its fields in the table's column order and types.
 */
final class BinaryRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;
    private int rows;

    BinaryRows(int expectedBytes) {
        bytes = new ByteArrayOutputStream(Math.max(64, expectedBytes));
        out = new DataOutputStream(bytes);
        write(() -> {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // no header extension
        });
    }

    /** Starts a row of {@code fields} values. */
    BinaryRows row(int fields) {
        rows++;
        write(() -> out.writeShort(fields));
        return this;
    }

    /** A {@code text} value (null for SQL NULL), sent as UTF-8, the connection's client encoding. */
    BinaryRows text(String value) {
        write(() -> {
            if (value == null) {
                out.writeInt(-1);
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        });
        return this;
    }

    /** A {@code double precision} value. */
    BinaryRows float8(double value) {
        write(() -> {
            out.writeInt(8);
            out.writeLong(Double.doubleToLongBits(value));
        });
        return this;
    }

    /** A {@code bigint} value (null for SQL NULL). */
    BinaryRows int8(Long value) {
        write(() -> {
            if (value == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(8);
                out.writeLong(value);
            }
        });
        return this;
    }

    int rows() {
        return rows;
    }

    /** The complete COPY data: header, rows and trailer. */
    byte[] finish() {
        write(() -> out.writeShort(-1));
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream never throws
        }
    }
}
