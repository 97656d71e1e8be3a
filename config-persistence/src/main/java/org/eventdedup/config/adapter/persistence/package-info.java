/**
 * Outgoing adapter: PostgreSQL through JDBI, Flyway and HikariCP. Implements the config domain's
 * {@code ConfigRepository}; the composition root ({@code app}) creates everything through {@link
 * org.eventdedup.config.adapter.persistence.PersistenceModule} (or, without a database URL, {@link
 * org.eventdedup.config.adapter.persistence.EmbeddedDatabase} first). Row types and mappers stay package-private so
 * no persistence type reaches the domain.
 */
package org.eventdedup.config.adapter.persistence;
