package org.transitionnet.server.app;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.transitionnet.server.config.QuickStartDemo;
import org.transitionnet.server.release.deid.DeidKey;
import org.transitionnet.server.release.deid.DeidKeyException;
import org.transitionnet.server.security.authserver.AuthorizationServerProperties;

/**
 * Production mode (profile {@code production}) refuses to start with anything of the quick start left in:
 * the embedded database or sample data, security off, no issuer, a demo user, client secret or signing key, the
 * placeholder or demo de-identification key. It runs before any other bean is created, so a refused start
 * touches neither the database nor the network, and it names every problem at once.
 */
public class ProductionGuard implements BeanFactoryPostProcessor {

    private final Environment environment;

    public ProductionGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Production mode (profile 'production') refuses to start:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** What keeps this configuration from running in production; empty when it may. */
    public static List<String> problems(Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> problems = new ArrayList<>();
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            problems.add("spring.datasource.url must name your PostgreSQL (jdbc:postgresql://...), not '" + url + "'");
        }
        if (environment.getProperty("transitionnet.db.embedded.enabled", Boolean.class, false)) {
            problems.add(
                    "transitionnet.db.embedded.enabled must be false (the embedded PostgreSQL is for the quick start)");
        }
        if (environment.getProperty("transitionnet.sample-data.enabled", Boolean.class, false)) {
            problems.add("transitionnet.sample-data.enabled must be false");
        }
        if (!environment.getProperty("transitionnet.security.enabled", Boolean.class, true)) {
            problems.add("transitionnet.security.enabled must be true");
        }
        if (!StringUtils.hasText(environment.getProperty("transitionnet.security.issuer"))) {
            problems.add("transitionnet.security.issuer must name the token issuer (your identity provider, or this "
                    + "server's public address when its embedded authorization server issues the tokens)");
        }
        deidKeyProblem(environment.getProperty("transitionnet.deid.key")).ifPresent(problems::add);
        AuthorizationServerProperties authorizationServer = binder.bind(
                        "transitionnet.security.authorization-server", AuthorizationServerProperties.class)
                .orElseGet(() -> new AuthorizationServerProperties(false, null, null, null, null, null));
        for (AuthorizationServerProperties.User user : authorizationServer.users()) {
            if (QuickStartDemo.USER.equals(user.username()) && QuickStartDemo.USER_PASSWORD.equals(user.password())) {
                problems.add("the demo user '" + QuickStartDemo.USER + "' with its public password is configured");
            }
        }
        for (AuthorizationServerProperties.Client client : authorizationServer.clients()) {
            if (QuickStartDemo.CLI_CLIENT_SECRET.equals(client.clientSecret())) {
                problems.add("client '" + client.clientId() + "' has the demo client secret");
            }
        }
        if (authorizationServer.enabled() && isDemoSigningKey(authorizationServer.signingKey())) {
            problems.add("transitionnet.security.authorization-server.signing-key is the public demo key ("
                    + authorizationServer.signingKey() + ")");
        }
        return problems;
    }

    /** The compose file's demo signing key (docker/demo-signing-key.json), recognised by its key id wherever it is mounted. */
    private static boolean isDemoSigningKey(String location) {
        if (!StringUtils.hasText(location)) {
            return false;
        }
        try (java.io.InputStream in = new org.springframework.core.io.DefaultResourceLoader()
                .getResource(location)
                .getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains(QuickStartDemo.SIGNING_KEY_ID);
        } catch (java.io.IOException unreadable) {
            // Reported when the authorization server reads it.
            return false;
        }
    }

    private static java.util.Optional<String> deidKeyProblem(String key) {
        if (key != null && key.strip().equals(QuickStartDemo.DEID_KEY)) {
            return java.util.Optional.of(
                    "transitionnet.deid.key is the quick start's demo key; set TRANSITIONNET_DEID_KEY from a secret store");
        }
        try {
            DeidKey.of(key);
            return java.util.Optional.empty();
        } catch (DeidKeyException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }
}
