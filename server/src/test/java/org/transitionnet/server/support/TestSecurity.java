package org.transitionnet.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Keys and identities of the test server's security, fixed per test JVM: the port (the issuer URL must be
 * known before the server starts), the embedded authorization server's signing key (so tests can also mint
 * tokens directly, including broken ones), and a Backend Services client's key pair.
 */
public final class TestSecurity {

    public static final String BACKEND_CLIENT = "backend-test";
    public static final String LAUNCH_CLIENT = "launch-test";
    public static final String BENCHMARK_VIEWER = "benchmark-viewer-test";
    /** The quick start's benchmark clients, registered with the committed demo keys of {@code tools/benchmark}. */
    public static final String BENCHMARK_RESEARCHER = "benchmark-researcher";

    public static final String BENCHMARK_STEWARD = "benchmark-steward";
    /** Where the quick start's demo keys of the benchmark clients lie (the tests run in the server module). */
    public static final Path DEMO_KEYS = Path.of("..", "tools", "benchmark");
    /** An authorization-code client with a secret (confidential), for refresh tokens of confidential apps. */
    public static final String CONFIDENTIAL_LAUNCH_CLIENT = "launch-confidential-test";

    public static final String CONFIDENTIAL_LAUNCH_SECRET = "launch-confidential-secret";
    public static final String USER = "clinician";
    public static final String PASSWORD = "test-password";

    private static TestSecurity instance;

    private final int port;
    private final RSAKey signingKey;
    private final RSAKey backendClientKey;
    private final Path signingKeyFile;

    private TestSecurity() {
        try {
            port = freePort();
            signingKey = new RSAKeyGenerator(2048).keyID("test-signing").generate();
            backendClientKey = new RSAKeyGenerator(2048)
                    .keyID("backend-test-key")
                    .algorithm(JWSAlgorithm.RS384)
                    .generate();
            signingKeyFile = Files.createTempFile("transitionnet-signing", ".jwks");
            Files.writeString(signingKeyFile, new JWKSet(signingKey).toString(false));
            signingKeyFile.toFile().deleteOnExit();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestSecurity get() {
        if (instance == null) {
            instance = new TestSecurity();
        }
        return instance;
    }

    public int port() {
        return port;
    }

    public String issuer() {
        return "http://localhost:" + port;
    }

    public String audience() {
        return issuer() + "/fhir";
    }

    public Path signingKeyFile() {
        return signingKeyFile;
    }

    public RSAKey backendClientKey() {
        return backendClientKey;
    }

    public String backendClientPublicJwks() {
        return new JWKSet(backendClientKey.toPublicJWK()).toString();
    }

    /** A committed demo JWKS of {@link #DEMO_KEYS}, e.g. {@code demo-steward-jwks.json}. */
    public static String demoJwks(String file) {
        try {
            return Files.readString(DEMO_KEYS.resolve(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid access token of the given client, as the authorization server issues it to a Backend Services client. */
    public String clientToken(String clientId, String scopes) {
        return token(claims(scopes, null)
                .subject(clientId)
                .claim("client_id", clientId)
                .build());
    }

    /** A valid access token as the embedded authorization server would issue it. */
    public String token(String scopes, String patient) {
        return token(claims(scopes, patient).build(), signingKey);
    }

    public JWTClaimsSet.Builder claims(String scopes, String patient) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(audience())
                .subject("test-user")
                .claim("client_id", "test-client")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", scopes);
        if (patient != null) {
            claims.claim("patient", patient);
        }
        return claims;
    }

    /** Signs with the server's trusted key. */
    public String token(JWTClaimsSet claims) {
        return token(claims, signingKey);
    }

    public static String token(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SMART Backend Services client assertion signed with the registered client key (RS384). */
    public String clientAssertion(String audience, String jti, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(BACKEND_CLIENT)
                .subject(BACKEND_CLIENT)
                .audience(audience)
                .expirationTime(Date.from(now.plus(lifetime)))
                .issueTime(Date.from(now))
                .jwtID(jti)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS384)
                            .keyID(backendClientKey.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(backendClientKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
