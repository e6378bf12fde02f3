package org.transitionnet.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as internal text, which error answers must not carry. */
class InternalTextTest {

    @Test
    void sqlDatabaseErrorsAndJavaExceptionsAreInternal() {
        assertThat(
                        InternalText.looksInternal(
                                "HAPI-0550: could not execute batch [Batch entry 0 insert into HFJ_SPIDX_STRING (A) values ('a')]"))
                .isTrue();
        assertThat(InternalText.looksInternal("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00"))
                .isTrue();
        assertThat(InternalText.looksInternal(
                        "HAPI-0389: Failed to call access method: com.google.gson.JsonSyntaxException: x"))
                .isTrue();
        assertThat(InternalText.looksInternal("select t.res_id from hfj_resource t"))
                .isTrue();
    }

    @Test
    void ordinaryClientErrorsAreNot() {
        assertThat(InternalText.looksInternal(
                        "HAPI-1821: [element=\"birthDate\"] Invalid attribute value \"2020-13-45\""))
                .isFalse();
        assertThat(InternalText.looksInternal(
                        "Unknown search parameter \"no-such-parameter\" for resource type \"Observation\""))
                .isFalse();
        assertThat(InternalText.looksInternal("Resource Patient/1 is not known"))
                .isFalse();
        assertThat(InternalText.looksInternal(null)).isFalse();
    }
}
