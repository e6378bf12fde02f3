package org.transitionnet.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.function.Supplier;

/**
 * HAPI's AuthorizationInterceptor, fed with the rules the current SMART token's scopes grant and the operations'
 * own access declarations.
 */
public class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

    private final Supplier<OperationDeclarations> operations;

    /** @param operations the endpoint's declarations, read when requests arrive (they exist once the endpoint does) */
    public SmartAuthorizationInterceptor(Supplier<OperationDeclarations> operations) {
        super(PolicyEnum.DENY);
        this.operations = operations;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        return SmartAccessToken.current()
                .map(token -> SmartRules.build(token, operations.get()))
                // Spring Security lets only /metadata through without a token.
                .orElseGet(() -> new RuleBuilder()
                        .allow("capabilities")
                        .metadata()
                        .andThen()
                        .denyAll("no token")
                        .build());
    }
}
