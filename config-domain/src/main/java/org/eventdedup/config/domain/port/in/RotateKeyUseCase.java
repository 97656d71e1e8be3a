package org.eventdedup.config.domain.port.in;

public interface RotateKeyUseCase {
    enum Outcome { NO_KEY_STORED, ALREADY_CURRENT, REENCRYPTED }

    /** Re-encrypts the stored key (including legacy plain values) with the primary encryption key. */
    Outcome rotate();
}
