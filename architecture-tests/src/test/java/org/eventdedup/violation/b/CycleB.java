package org.eventdedup.violation.b;

/** With {@code CycleA}, breaks "packages of Event Dedup are free of cycles". */
public class CycleB {
    org.eventdedup.violation.a.CycleA other;
}
