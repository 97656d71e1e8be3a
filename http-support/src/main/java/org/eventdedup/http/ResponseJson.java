package org.eventdedup.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Response bodies of both HTTP adapters: JSON-like trees (maps, lists, strings, numbers, booleans, null) as UTF-8
 * bytes. Numbers are written plainly, without an exponent, as people and the web UI read them: 1.0E-4 as 0.00010,
 * 1.0E10 as 10000000000. A double that is not finite has no JSON form and is written as null.
 */
public final class ResponseJson {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(new SimpleModule("plain-numbers")
                    .addSerializer(Double.class, new PlainDoubleSerializer())
                    .addSerializer(double.class, new PlainDoubleSerializer()))
            .build();

    public byte[] write(Object tree) {
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    /** The digits of {@link Double#toString(double)} ({@link BigDecimal#valueOf(double)}), written without exponent. */
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
