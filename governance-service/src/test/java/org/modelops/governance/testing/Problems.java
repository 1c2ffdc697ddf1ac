package org.modelops.governance.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on problem+json answers. */
public final class Problems {

    private Problems() {
    }

    /** A 400 invalid-request problem listing {@code field} broken by {@code rule}, with a message for a person. */
    public static void assertInvalid(Api.Response response, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("type")).isEqualTo("/problems/invalid-request");
        assertThat(response.json().path("errors")).as(response.body()).anySatisfy(error -> {
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("rule").asText()).isEqualTo(rule);
            assertThat(error.path("message").asText()).isNotBlank();
        });
    }
}
