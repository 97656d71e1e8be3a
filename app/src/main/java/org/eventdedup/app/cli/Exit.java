package org.eventdedup.app.cli;

/** The launcher's exit codes (contract §3). */
final class Exit {
    static final int OK = 0;
    static final int USAGE = 2;

    private Exit() {
    }
}
