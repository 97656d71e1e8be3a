package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/operators: admins list, add and change operators; the last enabled admin stays. */
class OperatorEndpointsTest {

    private TestServer server;
    private TestServer.Client admin;

    @BeforeEach
    void start() {
        server = TestServer.start();
        admin = server.admin();
    }

    @AfterEach
    void stop() {
        server.close();
        // no response may carry a password or its hash
        for (HttpResult r : server.responses()) {
            assertThat(r.body()).doesNotContain("-password").doesNotContain("fast$").doesNotContain("hash");
        }
    }

    @Test
    void lists_operators_by_name_without_hashes() {
        HttpResult r = admin.get("/api/operators");

        assertThat(r.status()).isEqualTo(200);
        List<Map<String, Object>> list = r.jsonList();
        assertThat(list).extracting(o -> o.get("name")).containsExactly("admin", "editor", "viewer");
        assertThat(list.get(0)).containsOnlyKeys("name", "role", "disabled", "created_at", "last_login_at")
                .containsEntry("role", "admin").containsEntry("disabled", false)
                .containsEntry("created_at", "2025-03-01T08:00:00Z");
        assertThat(list.get(0).get("last_login_at")).as("admin just signed in with Basic")
                .isEqualTo("2025-03-01T08:00:00Z");
        assertThat(list.get(2)).containsEntry("last_login_at", null);
    }

    @Test
    void adds_an_operator_who_can_then_sign_in() {
        HttpResult r = admin.postJson("/api/operators",
                "{\"name\":\"dora\",\"role\":\"viewer\",\"password\":\"dora-password\"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).contains("/api/operators/dora");
        assertThat(r.json()).containsEntry("name", "dora").containsEntry("role", "viewer")
                .containsEntry("disabled", false);
        assertThat(server.withAuthorization(TestServer.basic("dora")).get("/api/auth/me").json())
                .containsEntry("role", "viewer");
    }

    @Test
    void a_taken_name_is_a_409_regardless_of_case() {
        HttpResult r = admin.postJson("/api/operators",
                "{\"name\":\"Editor\",\"role\":\"viewer\",\"password\":\"another-password\"}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("type").toString()).endsWith("operator-exists");
    }

    @Test
    void bad_fields_are_a_422_naming_each() {
        HttpResult r = admin.postJson("/api/operators",
                "{\"name\":\"a b\",\"role\":\"root\",\"password\":\"short\",\"email\":\"x\"}");
        HttpResult missing = admin.postJson("/api/operators", "{}");
        HttpResult typed = admin.patchJson("/api/operators/viewer", "{\"disabled\":\"yes\",\"role\":null}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorPointers()).containsExactlyInAnyOrder("#/email", "#/role", "#/name", "#/password");
        assertThat(missing.errorPointers()).containsExactlyInAnyOrder("#/name", "#/role", "#/password");
        assertThat(typed.status()).isEqualTo(422);
        assertThat(typed.errorPointers()).containsExactlyInAnyOrder("#/disabled", "#/role");
    }

    @Test
    void changes_the_role_and_the_change_applies_to_the_next_request() {
        assertThat(server.viewer().patch("{}").status()).isEqualTo(403);

        HttpResult r = admin.patchJson("/api/operators/viewer", "{\"role\":\"editor\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("role", "editor");
        assertThat(server.viewer().patch("{}").status()).isEqualTo(200);
    }

    @Test
    void a_new_password_replaces_the_old_one_at_once() {
        assertThat(server.viewer().get("/api/config").status()).isEqualTo(200);

        HttpResult r = server.admin().send("PATCH", "/api/operators/viewer", "application/merge-patch+json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"brand-new-password\"}"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(server.viewer().get("/api/config").status()).isEqualTo(401);
        assertThat(server.withAuthorization(TestServer.basic("viewer", "brand-new-password")).get("/api/config")
                .status()).isEqualTo(200);
    }

    @Test
    void a_disabled_operator_is_refused_and_can_be_enabled_again() {
        assertThat(admin.patchJson("/api/operators/editor", "{\"disabled\":true}").json())
                .containsEntry("disabled", true);
        assertThat(server.get("/api/config").status()).isEqualTo(401);

        admin.patchJson("/api/operators/editor", "{\"disabled\":false}");
        assertThat(server.get("/api/config").status()).isEqualTo(200);
    }

    @Test
    void the_last_enabled_admin_cannot_be_disabled_or_demoted() {
        HttpResult disable = admin.patchJson("/api/operators/admin", "{\"disabled\":true}");
        HttpResult demote = admin.patchJson("/api/operators/admin", "{\"role\":\"editor\"}");

        assertThat(disable.status()).isEqualTo(409);
        assertThat(disable.json().get("type").toString()).endsWith("last-admin");
        assertThat((String) disable.json().get("detail")).contains("last enabled admin");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(admin.get("/api/auth/me").json()).containsEntry("role", "admin");

        admin.patchJson("/api/operators/editor", "{\"role\":\"admin\"}");
        assertThat(admin.patchJson("/api/operators/admin", "{\"role\":\"viewer\"}").status()).isEqualTo(200);
        assertThat(admin.get("/api/operators").status()).as("no longer an admin").isEqualTo(403);
    }

    @Test
    void an_unknown_operator_is_a_404_and_an_empty_change_a_422() {
        assertThat(admin.patchJson("/api/operators/nobody", "{\"disabled\":true}").status()).isEqualTo(404);
        assertThat(admin.patchJson("/api/operators/viewer", "{}").status()).isEqualTo(422);
    }

    @Test
    void only_admins_manage_operators() {
        assertThat(server.get("/api/operators").status()).isEqualTo(403);
        assertThat(server.postJson("/api/operators", "{\"name\":\"x1\",\"role\":\"admin\",\"password\":\"p1234567\"}")
                .status()).isEqualTo(403);
        assertThat(server.as(TestServer.EDITOR).patchJson("/api/operators/editor", "{\"role\":\"admin\"}").status())
                .isEqualTo(403);
        assertThat(admin.get("/api/operators").jsonList()).hasSize(3);
    }
}
