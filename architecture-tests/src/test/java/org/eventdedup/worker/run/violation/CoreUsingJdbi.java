package org.eventdedup.worker.run.violation;

/** Breaks the worker core's rules and "within the worker only the persistence adapter uses JDBI". */
public class CoreUsingJdbi {
    org.jdbi.v3.core.Jdbi jdbi;
}
