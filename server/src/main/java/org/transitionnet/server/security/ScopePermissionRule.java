package org.transitionnet.server.security;

import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationFlagsEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor.Verdict;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IRuleApplier;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Denies a request whose interaction needs a SMART v2 permission letter that no scope grants for the
 * resource type. HAPI's rule builder knows "read" (read and search together) and "write" (create and
 * update together); this rule keeps {@code .r} from allowing search, {@code .s} from allowing read and
 * {@code .u} from allowing create. It never allows anything itself: the compartment and filter rules
 * that follow it still have to.
 */
final class ScopePermissionRule implements IAuthRule {

    private final SmartAccessToken token;

    ScopePermissionRule(SmartAccessToken token) {
        this.token = token;
    }

    @Override
    public Verdict applyRule(
            RestOperationTypeEnum operation,
            RequestDetails request,
            IBaseResource inputResource,
            IIdType inputResourceId,
            IBaseResource outputResource,
            IRuleApplier ruleApplier,
            Set<AuthorizationFlagsEnum> flags,
            Pointcut pointcut) {
        if (pointcut != Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED || request.getResourceName() == null) {
            return null;
        }
        SmartScope.Permission needed = switch (operation) {
            case SEARCH_TYPE -> SmartScope.Permission.S;
            case READ, VREAD -> SmartScope.Permission.R;
            case CREATE -> SmartScope.Permission.C;
            case UPDATE -> SmartScope.Permission.U;
            case DELETE -> SmartScope.Permission.D;
            default -> null;
        };
        if (needed == null || token.grantsAnyContext(request.getResourceName(), needed)) {
            return null;
        }
        return new Verdict(PolicyEnum.DENY, this);
    }

    @Override
    public String getName() {
        return "no scope grants this interaction";
    }
}
