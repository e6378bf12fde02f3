package org.transitionnet.server.security;

import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ValueSet;
import org.transitionnet.server.security.SmartScope.Context;
import org.transitionnet.server.security.SmartScope.Permission;

/**
 * Turns a token's SMART scopes into HAPI AuthorizationInterceptor rules.
 * <ul>
 *   <li>patient scopes: the resource types in the patient's compartment (with a filter for v2 query scopes);</li>
 *   <li>user and system scopes: the resource types on any resource (the server keeps no user-to-patient
 *       access lists; an issuer that needs them issues patient-context tokens);</li>
 *   <li>the operations this server adds: what each declares with {@link OperationAccess} (a patient-compartment
 *       operation with a patient-context scope only on the token's own patient; an operation declaring a product
 *       scope such as {@code benchmark/*.read} only with that scope, which grants nothing else);</li>
 *   <li>{@code $everything}: a Patient read, every resource of its answer passing the read rules;</li>
 *   <li>bulk export: system read scopes, for their resource types;</li>
 *   <li>Bulk Data {@code $import} and its status: a system create scope on all types ({@code system/*.c}, or any
 *       {@code system/*.} scope with the {@code c} letter, or v1 {@code system/*.write});</li>
 *   <li>{@code system/*.cruds} (or {@code system/*.*}): every interaction, including administrative operations.</li>
 * </ul>
 * Anything else is denied.
 */
public final class SmartRules {

    private SmartRules() {}

    public static List<IAuthRule> build(SmartAccessToken token, OperationDeclarations operations) {
        List<IAuthRule> rules = new ArrayList<>();
        rules.add(new ScopePermissionRule(token));
        RuleBuilder builder = new RuleBuilder();
        builder.allow("capabilities").metadata();
        if (token.scopes().stream().anyMatch(SmartRules::isFullSystemAccess)) {
            builder.allowAll("system/*.cruds");
            rules.addAll(builder.build());
            return rules;
        }
        // Each entry of a transaction is checked against the rules below.
        builder.allow("transaction entries").transaction().withAnyOperation().andApplyNormalRules();
        builder.allow("validation").operation().named("$validate").onAnyType().andAllowAllResponses();
        builder.allow("terminology")
                .operation()
                .named("$expand")
                .onType(ValueSet.class)
                .andAllowAllResponses();
        builder.allow("terminology")
                .operation()
                .named("$validate-code")
                .onType(ValueSet.class)
                .andAllowAllResponses();

        for (SmartScope scope : token.scopes()) {
            if (token.usable(scope)) {
                addResourceRules(builder, scope, token.patient());
            }
        }
        operations.all().forEach(operation -> addDeclaredOperation(builder, token, operation));
        addEverything(builder, token);
        addBulkExport(builder, token);
        addBulkImport(builder, token);
        builder.denyAll("no scope grants this");
        rules.addAll(builder.build());
        return rules;
    }

    static boolean isFullSystemAccess(SmartScope scope) {
        return scope.context() == Context.SYSTEM
                && scope.allTypes()
                && scope.query() == null
                && scope.permissions().containsAll(Set.of(Permission.values()));
    }

    private static void addResourceRules(RuleBuilder builder, SmartScope scope, String patient) {
        String name = scope.toString();
        if (scope.grants(Permission.R) || scope.grants(Permission.S)) {
            restrict(types(builder.allow(name).read(), scope), scope, patient);
        }
        if (scope.grants(Permission.U)) {
            restrict(types(builder.allow(name).write(), scope), scope, patient);
        } else if (scope.grants(Permission.C)) {
            restrict(types(builder.allow(name).create(), scope), scope, patient);
        }
        if (scope.grants(Permission.D)) {
            IAuthRuleBuilderRuleOpClassifier delete = scope.allTypes()
                    ? builder.allow(name).delete().allResources()
                    : builder.allow(name).delete().resourcesOfType(scope.resourceType());
            restrict(delete, scope, patient);
        }
    }

    private static IAuthRuleBuilderRuleOpClassifier types(IAuthRuleBuilderRuleOp op, SmartScope scope) {
        return scope.allTypes() ? op.allResources() : op.resourcesOfType(scope.resourceType());
    }

    private static void restrict(IAuthRuleBuilderRuleOpClassifier rule, SmartScope scope, String patient) {
        if (scope.context() == Context.PATIENT) {
            IdType compartment = new IdType("Patient", patient);
            if (scope.query() != null) {
                rule.inCompartmentWithFilter("Patient", compartment, scope.query());
            } else {
                rule.inCompartment("Patient", compartment);
            }
        } else if (scope.query() != null) {
            rule.withFilter(scope.query());
        } else {
            rule.withAnyId();
        }
    }

    /** An operation this server adds, as it declares itself: on any instance (or any level), or on the token's own patient. */
    private static void addDeclaredOperation(
            RuleBuilder builder, SmartAccessToken token, OperationDeclaration operation) {
        boolean broad = token.productScopes().stream().anyMatch(operation::grantedBy)
                || token.scopes().stream().anyMatch(s -> s.context() != Context.PATIENT && operation.grantedBy(s));
        boolean ownPatient = operation.compartment() == OperationAccess.Compartment.PATIENT
                && token.patient() != null
                && token.scopes().stream().anyMatch(s -> s.context() == Context.PATIENT && operation.grantedBy(s));
        String name = operation.name();
        if (operation.compartment() == OperationAccess.Compartment.SYSTEM) {
            if (broad) {
                builder.allow(name).operation().named(name).atAnyLevel().andAllowAllResponses();
            }
        } else if (broad) {
            builder.allow(name)
                    .operation()
                    .named(name)
                    .onInstancesOfType(Patient.class)
                    .andAllowAllResponses();
        } else if (ownPatient) {
            builder.allow(name)
                    .operation()
                    .named(name)
                    .onInstance(new IdType("Patient", token.patient()))
                    .andAllowAllResponses();
        }
    }

    private static void addEverything(RuleBuilder builder, SmartAccessToken token) {
        // $everything returns many types: every resource in its answer must pass the read rules above.
        if (token.grantsAnyContext("Patient", Permission.R)) {
            builder.allow("$everything")
                    .operation()
                    .named("$everything")
                    .onInstancesOfType(Patient.class)
                    .andRequireExplicitResponseAuthorization();
        }
    }

    private static void addBulkExport(RuleBuilder builder, SmartAccessToken token) {
        List<SmartScope> systemReads = token.scopes().stream()
                .filter(s -> s.context() == Context.SYSTEM && s.grants(Permission.R) && s.query() == null)
                .toList();
        if (systemReads.isEmpty()) {
            return;
        }
        if (systemReads.stream().anyMatch(SmartScope::allTypes)) {
            builder.allow("bulk export").bulkExport().any();
        } else {
            Set<String> types = new TreeSet<>();
            systemReads.forEach(s -> types.add(s.resourceType()));
            builder.allow("bulk export").bulkExport().systemExport().withResourceTypes(types);
            builder.allow("bulk export")
                    .bulkExport()
                    .patientExportOnAllPatients()
                    .withResourceTypes(types);
        }
        // The kick-off itself; what it may export is decided by the bulk-export rules when the job is initiated.
        builder.allow("bulk export kick-off")
                .operation()
                .named("$export")
                .atAnyLevel()
                .andAllowAllResponses();
        builder.allow("bulk export status")
                .operation()
                .named("$export-poll-status")
                .onServer()
                .andAllowAllResponses();
    }

    /**
     * Bulk Data import writes resources of any type without per-resource rule checks (the job writes as the
     * system): only an unfiltered system create on all types may start it or poll it.
     */
    private static void addBulkImport(RuleBuilder builder, SmartAccessToken token) {
        boolean granted = token.scopes().stream()
                .anyMatch(s ->
                        s.context() == Context.SYSTEM && s.allTypes() && s.grants(Permission.C) && s.query() == null);
        allowOnServer(builder, "bulk import", granted, List.of("$import", "$import-poll-status"));
    }

    private static void allowOnServer(RuleBuilder builder, String name, boolean granted, List<String> operations) {
        if (granted) {
            for (String operation : operations) {
                builder.allow(name).operation().named(operation).onServer().andAllowAllResponses();
            }
        }
    }
}
