package org.transitionnet.server.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.transitionnet.server.security.AuditedAction;

/** Requests without a valid token cost one AuditEvent per source and window, not one each. */
class UnauthenticatedRequestAuditTest {

    private final AuditTrail trail = mock(AuditTrail.class);
    private final UnauthenticatedRequestAudit audit = new UnauthenticatedRequestAudit(
            trail, 2, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private static MockHttpServletRequest request(String address, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setRemoteAddr(address);
        return request;
    }

    @Test
    void oneEventPerSourceAndWindowWithTheCount() {
        for (int i = 0; i < 200; i++) {
            audit.denied(request("10.0.0.1", "/fhir/Patient/" + i), 401, "no token");
        }
        audit.denied(request("10.0.0.2", "/fhir/metadata-x"), 401, "no token");
        verify(trail, never()).record(org.mockito.ArgumentMatchers.any());

        audit.flush();

        ArgumentCaptor<AuditedAction> recorded = ArgumentCaptor.forClass(AuditedAction.class);
        verify(trail, times(2)).record(recorded.capture());
        List<AuditedAction> actions = recorded.getAllValues();
        assertThat(actions.get(0).clientAddress()).isEqualTo("10.0.0.1");
        assertThat(actions.get(0).reason()).startsWith("200 requests without a valid token from 10.0.0.1");
        assertThat(actions.get(0).requestUrl()).isEqualTo("/fhir/Patient/0");
        assertThat(actions.get(0).status()).isEqualTo(401);
        assertThat(actions.get(1).reason()).startsWith("1 request without a valid token from 10.0.0.2");

        audit.flush();
        verify(trail, times(2)).record(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void sourcesBeyondTheLimitAreCountedTogether() {
        for (int i = 0; i < 10; i++) {
            audit.denied(request("10.0.1." + i, "/fhir/Patient"), 401, "no token");
        }
        audit.flush();

        ArgumentCaptor<AuditedAction> recorded = ArgumentCaptor.forClass(AuditedAction.class);
        verify(trail, times(3)).record(recorded.capture());
        assertThat(recorded.getAllValues().get(2).reason())
                .startsWith("8 requests without a valid token from other sources");
    }

    @Test
    void deniedRequestsWithAValidTokenAreRecordedAtOnce() {
        audit.denied(request("10.0.0.3", "/fhir/Patient"), 403, "scope");
        verify(trail)
                .record(org.mockito.ArgumentMatchers.argThat(
                        a -> a.status() == 403 && "10.0.0.3".equals(a.clientAddress())));
    }
}
