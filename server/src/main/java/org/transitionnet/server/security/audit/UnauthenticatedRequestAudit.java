package org.transitionnet.server.security.audit;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Flushable;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.transitionnet.server.security.AuditedAction;
import org.transitionnet.server.security.FhirSecurityErrors;

/**
 * Audits requests refused for want of a valid token (401) in aggregate: per source address and time
 * window one AuditEvent, written when the window closes, saying how many requests were refused between
 * which times, with the first request as a sample. Anyone can send such requests, so one row each would
 * let anyone fill the database. At most {@code maxSources} addresses are counted apart per window; the
 * rest are counted under "other sources". Other denials (403: a valid token, not enough scope) are
 * recorded one by one, at once.
 */
public class UnauthenticatedRequestAudit implements FhirSecurityErrors.DeniedAccessListener, Flushable {

    static final String OTHER_SOURCES = "other sources";
    private static final int MAX_SAMPLE_URL = 2000;

    private final AuditTrail trail;
    private final int maxSources;
    private final Clock clock;
    private Map<String, Tally> window = new LinkedHashMap<>();

    public UnauthenticatedRequestAudit(AuditTrail trail, int maxSources, Clock clock) {
        this.trail = trail;
        this.maxSources = maxSources;
        this.clock = clock;
    }

    /** Requests refused with 401 during one window from one source. */
    private static final class Tally {
        final String method;
        final String sampleUrl;
        final String sampleReason;
        final Instant first;
        Instant last;
        int count;

        Tally(String method, String sampleUrl, String sampleReason, Instant first) {
            this.method = method;
            this.sampleUrl = sampleUrl;
            this.sampleReason = sampleReason;
            this.first = first;
            this.last = first;
        }
    }

    @Override
    public void denied(HttpServletRequest request, int status, String reason) {
        String method = request.getMethod().toLowerCase(Locale.ROOT);
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (status != 401) {
            trail.record(new AuditedAction(
                    AuditedAction.Kind.ACCESS_DENIED,
                    method,
                    null,
                    null,
                    url,
                    request.getRemoteAddr(),
                    status,
                    reason));
            return;
        }
        Instant now = clock.instant();
        synchronized (this) {
            String source = window.containsKey(request.getRemoteAddr()) || window.size() < maxSources
                    ? request.getRemoteAddr()
                    : OTHER_SOURCES;
            Tally tally = window.computeIfAbsent(source, s -> new Tally(method, truncate(url), reason, now));
            tally.count++;
            tally.last = now;
        }
    }

    /** Closes the current window: writes one AuditEvent per source that had refused requests in it. */
    @Override
    @Scheduled(
            fixedDelayString = "${transitionnet.audit.unauthenticated-window:PT1M}",
            initialDelayString = "${transitionnet.audit.unauthenticated-window:PT1M}")
    @PreDestroy
    public void flush() {
        Map<String, Tally> closed;
        synchronized (this) {
            if (window.isEmpty()) {
                return;
            }
            closed = window;
            window = new LinkedHashMap<>();
        }
        for (Map.Entry<String, Tally> entry : closed.entrySet()) {
            Tally t = entry.getValue();
            String summary = t.count + (t.count == 1 ? " request" : " requests") + " without a valid token from "
                    + entry.getKey() + " between " + t.first + " and " + t.last + "; first refused: " + t.sampleReason;
            trail.record(new AuditedAction(
                    AuditedAction.Kind.ACCESS_DENIED,
                    t.method,
                    null,
                    null,
                    t.sampleUrl,
                    OTHER_SOURCES.equals(entry.getKey()) ? null : entry.getKey(),
                    401,
                    summary));
        }
    }

    private static String truncate(String url) {
        return url.length() <= MAX_SAMPLE_URL ? url : url.substring(0, MAX_SAMPLE_URL) + "…";
    }
}
