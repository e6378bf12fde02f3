package org.transitionnet.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the launch tests need to walk the embedded authorization server's pages as a browser would: the CSRF
 * token of a login or consent form, redirect targets, PKCE verifiers and form encoding.
 */
public final class AuthorizationPages {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private AuthorizationPages() {}

    /** The redirect target of an answer, which must be a redirect. */
    public static String location(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode()));
    }

    /** A redirect target made absolute against the server's root URL. */
    public static String absolute(String root, String location) {
        return location.startsWith("http") ? location : root + location;
    }

    /** The form-encoded CSRF token of an HTML form page. */
    public static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        return enc(matcher.group(1));
    }

    /** 256 random bits, base64url: a PKCE verifier or a state. */
    public static String randomString() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
