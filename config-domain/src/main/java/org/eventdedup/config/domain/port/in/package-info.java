/**
 * Incoming ports: the use cases the config domain offers. Called by driving adapters (config-http, the worker, the
 * CLI); implemented by {@code org.eventdedup.config.domain.service}.
 */
package org.eventdedup.config.domain.port.in;
