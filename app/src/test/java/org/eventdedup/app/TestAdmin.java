package org.eventdedup.app;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The admin the ITs' applications bootstrap (EVENT_DEDUP_ADMIN_PASSWORD), and its Basic credentials. */
final class TestAdmin {
    static final String NAME = "admin";
    static final String PASSWORD = "it-admin-password";
    static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString((NAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private TestAdmin() {
    }
}
