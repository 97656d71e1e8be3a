package org.eventdedup.worker.port;

/**
 * "Test key": one smallest call to the AI provider with the key and model the next pipeline run would use. The key
 * never appears in a result.
 */
public interface AiKeyCheck {

    /** The outcome; {@code status} and {@code message} are set only when the call failed. */
    record Result(boolean ok, String model, long latencyMs, Integer status, String message) {
    }

    /** Thrown when no usable key is configured (stored or from the environment). */
    final class NoKeyException extends RuntimeException {
        public NoKeyException(String message) {
            super(message, null, false, false);
        }
    }

    /** @throws NoKeyException when there is no key to test */
    Result test();
}
