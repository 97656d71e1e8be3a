package org.eventdedup.config.domain.port.in;

/** The effective config for one pipeline run, loaded fresh on every call. Never throws for a bad stored key. */
public interface ConfigProvider {
    EffectiveConfig load();
}
