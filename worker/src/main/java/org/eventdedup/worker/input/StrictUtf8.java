package org.eventdedup.worker.input;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON text as RFC 8259 §8.1 puts it on the wire: UTF-8 without a byte order mark. Jackson reading bytes itself would
 * guess UTF-16/32 from the first bytes, skip a BOM and accept overlong sequences (0xC0 0xAF as '/'), so the JSON
 * files read from disk (input files, the ground-truth file) hand it text decoded here instead, as a stream: they can
 * be far larger than a request body. Request bodies are decoded by {@code org.eventdedup.http.RequestJson}, whole.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** Whether {@code bytes} start with the UTF-8 byte order mark EF BB BF. */
    public static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
    }

    /**
     * {@code bytes} as text; reading fails with a {@link java.nio.charset.CharacterCodingException} at the first
     * byte that is not well-formed UTF-8 (invalid, truncated, overlong, an encoded surrogate).
     */
    public static Reader reader(byte[] bytes) {
        return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
