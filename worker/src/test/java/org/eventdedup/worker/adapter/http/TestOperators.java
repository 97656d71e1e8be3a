package org.eventdedup.worker.adapter.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.service.AccessService;
import org.eventdedup.config.domain.testing.FastPasswordHasher;
import org.eventdedup.config.domain.testing.InMemoryAccessStore;

/** In-memory operators for the worker's routes on the real server: editors with the password "{name}-password". */
final class TestOperators {
    static final String EDITOR = "worker-it";

    private final AccessService access;

    TestOperators(String... editors) {
        InMemoryAccessStore store = new InMemoryAccessStore();
        access = new AccessService(store, store, new FastPasswordHasher(), Clock.systemUTC(),
                AccessService.Settings.defaults());
        access.add(EDITOR, Role.EDITOR, password(EDITOR));
        for (String editor : editors) {
            access.add(editor, Role.EDITOR, password(editor));
        }
    }

    /** Adds an operator who may read but not change anything. */
    TestOperators withViewer(String name) {
        access.add(name, Role.VIEWER, password(name));
        return this;
    }

    ConfigHttpServer.Access server() {
        return new ConfigHttpServer.Access(access, access);
    }

    static SecretString password(String name) {
        return SecretString.of(name + "-password");
    }

    /** The Authorization header of an operator's Basic credentials. */
    static String basic(String name) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password(name).reveal())
                .getBytes(StandardCharsets.UTF_8));
    }
}
