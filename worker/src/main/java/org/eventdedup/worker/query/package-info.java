/**
 * The read side of the pipeline tables, facing inwards: the HTTP adapter ({@code worker.http}) calls
 * {@link org.eventdedup.worker.query.ReadRunsUseCase} and {@link org.eventdedup.worker.query.ReadCanonicalEventsUseCase};
 * {@link org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries} implements both on PostgreSQL. A read needs no domain
 * logic, so no service sits between. The exception is {@link org.eventdedup.worker.query.ReadListingCategoriesUseCase}:
 * {@link org.eventdedup.worker.query.ListingCategories} groups category spellings with the engine's case folding (which
 * SQL does not have) over the {@link org.eventdedup.worker.port.ListingCategoryCounts} port. The records here are plain
 * read models: no Jackson, JDBI or Javalin types.
 */
package org.eventdedup.worker.query;
