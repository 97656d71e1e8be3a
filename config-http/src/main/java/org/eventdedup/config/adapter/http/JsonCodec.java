package org.eventdedup.config.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON setup of this adapter. Reading is strict (duplicate keys, trailing tokens, NaN and deep nesting are
 * errors) and keeps decimals exact as {@link BigDecimal}; writing prints numbers plainly (0.0001, never 1.0E-4).
 */
final class JsonCodec {

    /** Far deeper than any config document; bounds the recursion of merge and copy on hostile input. */
    private static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper mapper;

    JsonCodec() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        SimpleModule plainNumbers = new SimpleModule("plain-numbers")
                .addSerializer(Double.class, new PlainDoubleSerializer())
                .addSerializer(double.class, new PlainDoubleSerializer());
        mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .addModule(plainNumbers)
                .build();
    }

    /**
     * Parses a request body into a JSON-like tree (LinkedHashMap, ArrayList, String, Integer/Long/BigInteger, BigDecimal,
     * Boolean, null).
     *
     * @throws HttpProblem 400 when the bytes are not exactly one JSON value
     */
    Object parse(byte[] body) {
        if (body.length == 0) {
            throw HttpProblem.badRequest("The request body is empty; a JSON object is required.");
        }
        try {
            return mapper.readValue(utf8(body), Object.class);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest(describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body as text, decoded strictly: JSON on the wire is UTF-8 without a byte order mark (RFC 8259 §8.1). Jackson
     * alone would guess UTF-16/32, skip a BOM and read overlong sequences (0xC0 0xAF as '/').
     */
    private static String utf8(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw HttpProblem.badRequest("The request body starts with a byte order mark; send UTF-8 without one.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw HttpProblem.badRequest("The request body is not valid UTF-8.");
        }
    }

    byte[] write(Object tree) {
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    /** The client's mistake in words, never quoting the body (it may hold the API key). */
    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (original.startsWith("Duplicate field")) {
            return "The request body has a duplicate key" + where + "; every key may appear only once per object.";
        }
        if (original.startsWith("Trailing token")) {
            return "The request body has content after the JSON value" + where + ".";
        }
        if (original.contains("nesting depth")) {
            return "The request body is nested too deeply (at most " + MAX_NESTING_DEPTH + " levels).";
        }
        return "The request body is not valid JSON" + where + ".";
    }

    private static final class PlainDoubleSerializer extends StdSerializer<Double> {
        PlainDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(BigDecimal.valueOf(value));
            } else {
                gen.writeNull();
            }
        }
    }
}
