package org.eventdedup.violation.a;

/** With {@code CycleB}, breaks "packages of Event Dedup are free of cycles". */
public class CycleA {
    org.eventdedup.violation.b.CycleB other;
}
