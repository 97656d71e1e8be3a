/**
 * Pure rules over the config document: binding a JSON-like tree to {@code MatchingConfig} and back, RFC 7396 merge
 * with reset-to-default, whole-document validation, diff and JSON Schema generation. All are driven by one
 * reflective description of the records ({@link org.eventdedup.config.domain.rule.DocumentShape}), so a field added to
 * a record shows up everywhere at once.
 */
package org.eventdedup.config.domain.rule;
