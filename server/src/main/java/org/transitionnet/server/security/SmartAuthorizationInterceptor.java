package org.transitionnet.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;

import java.util.List;

/** HAPI's AuthorizationInterceptor, fed with the rules the current SMART token's scopes grant. */
public class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

	public SmartAuthorizationInterceptor() {
		super(PolicyEnum.DENY);
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		return SmartAccessToken.current().map(SmartRules::build)
				// Spring Security lets only /metadata through without a token.
				.orElseGet(() -> new RuleBuilder().allow("capabilities").metadata().andThen().denyAll("no token").build());
	}
}
