package org.eventdedup.config.domain.port.in;

public interface UpdateConfigUseCase {
    /**
     * Merge, validate, diff, save with history. A patch that changes nothing saves nothing and returns the current
     * view.
     *
     * @throws ConfigException with VALIDATION_FAILED, PRECONDITION_FAILED or UPDATED_AT_CONFLICT
     */
    ConfigView update(UpdateConfigCommand command);
}
