package org.eventdedup.worker.run.violation;

/** Breaks "nothing depends on the composition root". */
public class CoreUsingTheApp {
    org.eventdedup.app.Main main;
}
