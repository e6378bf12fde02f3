package org.transitionnet.server.security.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.UUID;
import org.springframework.core.io.ResourceLoader;

/** The embedded authorization server's signing keys: from a configured JWK set, or a fresh RSA key. */
final class SigningKeys {

    private SigningKeys() {}

    static JWKSet load(String location, ResourceLoader resources) {
        if (location.isBlank()) {
            try {
                // Tokens do not survive a restart then, nor are they accepted by other nodes: fine for one development
                // node.
                return new JWKSet(new RSAKeyGenerator(2048)
                        .keyID(UUID.randomUUID().toString())
                        .generate());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        try (InputStream in = resources.getResource(location).getInputStream()) {
            JWKSet keys = JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (keys.getKeys().stream().noneMatch(key -> key.isPrivate())) {
                throw new IllegalStateException(location + " holds no private key to sign with");
            }
            return keys;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("Cannot read signing keys from " + location, e);
        }
    }
}
