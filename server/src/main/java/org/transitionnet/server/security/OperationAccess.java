package org.transitionnet.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.transitionnet.server.security.SmartScope.Context;

/**
 * What a custom FHIR operation needs and leaves behind, stated on its method next to {@code @Operation}: the
 * scope that grants it (a SMART clinical scope with the contexts in which it counts, or one of this server's
 * product scopes), its compartment and the AuditEvent it writes. The authorization rules, the audit trail and the
 * CapabilityStatement read these declarations ({@link OperationDeclarations}), so an operation is described once;
 * an operation of this server without one, or with an inconsistent one, stops the server at start instead of
 * answering 403 to every token that is not a full system one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperationAccess {

    /**
     * The clinical access the operation's answer amounts to, written as a SMART scope without its context: a resource
     * type (or {@code *}) and permission letters, e.g. {@code Observation.r}, {@code Observation.c}, {@code *.cruds}
     * (administrative: only a full system token). A token scope grants it when it is unfiltered, in one of
     * {@link #contexts()}, covers the type and has every letter. Empty when {@link #productScope()} is declared.
     */
    String scope() default "";

    /** The SMART contexts whose scopes count; none with a {@link #productScope()}. */
    Context[] contexts() default {};

    /**
     * Instead of {@link #scope()}: the product scope ({@link ProductScope}, e.g. {@code benchmark/*.read}) that alone
     * grants the operation. No clinical scope grants it, and it grants nothing clinical; a full system token
     * ({@code system/*.cruds}) reaches it as it reaches everything. Only for operations across patients.
     */
    String productScope() default "";

    /** Whose data the operation works on. */
    Compartment compartment();

    /** The AuditEvent recorded when the operation completes; none when empty. */
    AuditedAction.Kind[] audit() default {};

    /** The AuditEvent recorded when the operation is called with {@code DELETE} (a cancellation); none when empty. */
    AuditedAction.Kind[] auditDelete() default {};

    /** Whose data an operation works on. */
    enum Compartment {
        /**
         * One patient's record: invoked on a Patient instance; a patient-context scope reaches only the token's own
         * patient, a user or system scope any patient.
         */
        PATIENT,
        /** Data across patients (or none): never reachable with a patient-context scope. */
        SYSTEM
    }
}
