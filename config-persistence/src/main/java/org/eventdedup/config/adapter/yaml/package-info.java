/**
 * Reads the YAML config file ({@code EVENT_DEDUP_MATCHING_CONFIG_PATH}, default {@code config/matching.yaml}) over the
 * built-in defaults. Entry point: {@link org.eventdedup.config.adapter.yaml.YamlConfigFileReader}; a bad file raises
 * {@link org.eventdedup.config.adapter.yaml.ConfigFileException} with file, line and field path of every problem.
 */
package org.eventdedup.config.adapter.yaml;
