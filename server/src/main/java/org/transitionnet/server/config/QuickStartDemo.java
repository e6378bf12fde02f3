package org.transitionnet.server.config;

/**
 * The demo credentials and keys of the quick start ({@code application-quickstart.yaml}, {@code docker/}), named once so
 * that production mode can refuse them: they are public, in this repository.
 */
public final class QuickStartDemo {

    public static final String USER = "clinician";
    public static final String USER_PASSWORD = "clinician";
    public static final String CLI_CLIENT = "dev-cli";
    public static final String CLI_CLIENT_SECRET = "dev-secret";
    public static final String DEID_KEY = "quickstart-demo-deid-key-not-a-secret-0001";
    /** Key id of the compose file's demo signing key ({@code docker/demo-signing-key.json}), shared by its nodes. */
    public static final String SIGNING_KEY_ID = "transitionnet-demo-signing-key-not-a-secret";

    private QuickStartDemo() {}
}
