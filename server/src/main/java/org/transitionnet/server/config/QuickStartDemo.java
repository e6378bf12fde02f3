package org.transitionnet.server.config;

/**
 * The demo credentials and key of the quick start ({@code application-quickstart.yaml}), named once so
 * that production mode can refuse them: they are public, in this repository.
 */
public final class QuickStartDemo {

	public static final String USER = "clinician";
	public static final String USER_PASSWORD = "clinician";
	public static final String CLI_CLIENT = "dev-cli";
	public static final String CLI_CLIENT_SECRET = "dev-secret";
	public static final String DEID_KEY = "quickstart-demo-deid-key-not-a-secret-0001";

	private QuickStartDemo() {
	}
}
