package org.transitionnet.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Nesting depth on raw JSON and XML, without being fooled by brackets in strings, comments or CDATA. */
class NestingDepthTest {

    private static boolean exceeds(String body, int max) {
        return NestingDepth.exceeds(body.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void json() {
        assertThat(exceeds("{\"a\":[{\"b\":1}]}", 3)).isFalse();
        assertThat(exceeds("{\"a\":[{\"b\":[1]}]}", 3)).isTrue();
        assertThat(exceeds("{\"a\":\"[[[[{{{{\\\"[[[[\"}", 1)).isFalse();
        assertThat(exceeds("  [".repeat(50), 49)).isTrue();
    }

    @Test
    void xml() {
        assertThat(exceeds("<?xml version=\"1.0\"?><a><b x=\"<c>\"/><c><d/></c></a>", 2))
                .isFalse();
        assertThat(exceeds("<a><b><c></c></b></a>", 2)).isTrue();
        assertThat(exceeds("<a><!-- <b><c><d> --><![CDATA[<b><c><d>]]></a>", 1)).isFalse();
    }

    @Test
    void otherBodiesHaveNoDepth() {
        assertThat(exceeds("plain text [[[[", 1)).isFalse();
        assertThat(exceeds("", 1)).isFalse();
    }
}
