package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;

class OperationDeclarationsTest {

    static class Declared {
        @OperationAccess(
                scope = "Observation.r",
                contexts = {Context.PATIENT, Context.USER},
                compartment = Compartment.PATIENT,
                audit = Kind.TRAJECTORY_READ)
        @Operation(name = "$look", idempotent = true, typeName = "Patient")
        public Parameters look(@IdParam IdType patient) {
            return new Parameters();
        }

        @OperationAccess(
                scope = "Observation.c",
                contexts = Context.SYSTEM,
                compartment = Compartment.SYSTEM,
                auditDelete = Kind.DATASET_BUILD_CANCEL)
        @Operation(name = "$job", deleteEnabled = true)
        public Parameters job() {
            return new Parameters();
        }
    }

    static class Benchmark {
        @OperationAccess(
                productScope = "benchmark/*.read",
                compartment = Compartment.SYSTEM,
                audit = Kind.DATASET_DOWNLOAD)
        @Operation(name = "$listing", idempotent = true)
        public Parameters listing() {
            return new Parameters();
        }
    }

    static class ClinicalAndProductScope {
        @OperationAccess(
                scope = "Observation.r",
                contexts = Context.SYSTEM,
                productScope = "benchmark/*.read",
                compartment = Compartment.SYSTEM)
        @Operation(name = "$both", idempotent = true)
        public Parameters both() {
            return new Parameters();
        }
    }

    static class ProductScopeWithContext {
        @OperationAccess(contexts = Context.SYSTEM, productScope = "benchmark/*.read", compartment = Compartment.SYSTEM)
        @Operation(name = "$contextual", idempotent = true)
        public Parameters contextual() {
            return new Parameters();
        }
    }

    static class UnknownProductScope {
        @OperationAccess(productScope = "benchmark/*.write", compartment = Compartment.SYSTEM)
        @Operation(name = "$unknown", idempotent = true)
        public Parameters unknown() {
            return new Parameters();
        }
    }

    static class ProductScopeOnAPatient {
        @OperationAccess(productScope = "benchmark/*.read", compartment = Compartment.PATIENT)
        @Operation(name = "$onPatient", idempotent = true, typeName = "Patient")
        public Parameters onPatient(@IdParam IdType patient) {
            return new Parameters();
        }
    }

    static class NoScope {
        @OperationAccess(compartment = Compartment.SYSTEM)
        @Operation(name = "$open", idempotent = true)
        public Parameters open() {
            return new Parameters();
        }
    }

    static class Undeclared {
        @Operation(name = "$forgotten", idempotent = true)
        public Parameters forgotten() {
            return new Parameters();
        }
    }

    static class PatientScopeAcrossPatients {
        @OperationAccess(scope = "Observation.r", contexts = Context.PATIENT, compartment = Compartment.SYSTEM)
        @Operation(name = "$everyone", idempotent = true)
        public Parameters everyone() {
            return new Parameters();
        }
    }

    static class CancelAuditWithoutDelete {
        @OperationAccess(
                scope = "Observation.r",
                contexts = Context.SYSTEM,
                compartment = Compartment.SYSTEM,
                auditDelete = Kind.RESEARCH_EXPORT_CANCEL)
        @Operation(name = "$status", idempotent = true)
        public Parameters status() {
            return new Parameters();
        }
    }

    static class MalformedScope {
        @OperationAccess(scope = "observations", contexts = Context.SYSTEM, compartment = Compartment.SYSTEM)
        @Operation(name = "$odd", idempotent = true)
        public Parameters odd() {
            return new Parameters();
        }
    }

    @Test
    void anOperationWithoutDeclarationStopsTheStart() {
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new Declared(), new Undeclared())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Undeclared.forgotten ($forgotten) has no @OperationAccess");
    }

    @Test
    void unsoundDeclarationsStopTheStart() {
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new PatientScopeAcrossPatients())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("patient-context scope");
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new CancelAuditWithoutDelete())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not accept DELETE");
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new MalformedScope())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scope 'observations'");
    }

    @Test
    void inconsistentProductScopeDeclarationsStopTheStart() {
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new ClinicalAndProductScope())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one or the other");
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new ProductScopeWithContext())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one or the other");
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new UnknownProductScope())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("product scope 'benchmark/*.write' is not one of");
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new ProductScopeOnAPatient())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("compartment must be SYSTEM");
        assertThatThrownBy(() -> OperationDeclarations.of(List.of(new NoScope())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither a clinical scope nor a product scope");
    }

    @Test
    void aProductScopeDeclarationIsGrantedByThatScopeAloneAndByNoClinicalScope() {
        OperationDeclaration listing = OperationDeclarations.of(List.of(new Benchmark()))
                .find("$listing")
                .orElseThrow();

        assertThat(listing.productScope()).isEqualTo(ProductScope.BENCHMARK_READ);
        assertThat(listing.auditFor(false)).isEqualTo(Kind.DATASET_DOWNLOAD);
        assertThat(listing.grantedBy(ProductScope.BENCHMARK_READ)).isTrue();
        assertThat(listing.grantedBy(ProductScope.BENCHMARK_SUBMIT)).isFalse();
        assertThat(listing.grantedBy(ProductScope.BENCHMARK_BUILD))
                .as("build does not imply read")
                .isFalse();
        for (String clinical : List.of(
                "system/Observation.rs",
                "system/Observation.crs",
                "user/Observation.rs",
                "system/*.rs",
                "system/*.cruds")) {
            assertThat(listing.grantedBy(scope(clinical))).as(clinical).isFalse();
        }
        OperationDeclaration look =
                OperationDeclarations.of(List.of(new Declared())).find("$look").orElseThrow();
        assertThat(look.grantedBy(ProductScope.BENCHMARK_READ))
                .as("a product scope grants no clinical operation")
                .isFalse();
    }

    @Test
    void declarationsAreReadByOperationName() {
        OperationDeclarations declarations = OperationDeclarations.of(List.of(new Declared()));

        OperationDeclaration look = declarations.find("$look").orElseThrow();
        assertThat(look.compartment()).isEqualTo(Compartment.PATIENT);
        assertThat(look.auditFor(false)).isEqualTo(Kind.TRAJECTORY_READ);
        assertThat(look.auditFor(true)).isNull();
        OperationDeclaration job = declarations.find("$job").orElseThrow();
        assertThat(job.auditFor(false)).isNull();
        assertThat(job.auditFor(true)).isEqualTo(Kind.DATASET_BUILD_CANCEL);
        assertThat(declarations.find("$export")).isEmpty();
        assertThat(declarations.all()).hasSize(2);
    }

    @Test
    void onlyAnUnfilteredScopeInADeclaredContextWithEveryLetterGrantsAnOperation() {
        OperationDeclarations declarations = OperationDeclarations.of(List.of(new Declared()));
        OperationDeclaration look = declarations.find("$look").orElseThrow();
        OperationDeclaration job = declarations.find("$job").orElseThrow();

        assertThat(look.grantedBy(scope("patient/Observation.rs"))).isTrue();
        assertThat(look.grantedBy(scope("user/*.read"))).isTrue();
        assertThat(look.grantedBy(scope("system/Observation.rs")))
                .as("context not declared")
                .isFalse();
        assertThat(look.grantedBy(scope("user/Condition.rs"))).as("other type").isFalse();
        assertThat(look.grantedBy(scope("user/Observation.s")))
                .as("letter missing")
                .isFalse();
        assertThat(look.grantedBy(scope("patient/Observation.rs?category=laboratory")))
                .as("filtered")
                .isFalse();
        assertThat(job.grantedBy(scope("system/Observation.c"))).isTrue();
        assertThat(job.grantedBy(scope("system/Observation.rs"))).isFalse();
    }

    @Test
    void anAdministrativeDeclarationIsGrantedOnlyByAFullSystemScope() throws Exception {
        OperationAccess access = org.transitionnet.server.derivation.transition.job.RederiveOperationProvider.class
                .getMethod("status", org.hl7.fhir.r4.model.StringType.class)
                .getAnnotation(OperationAccess.class);
        Operation operation = org.transitionnet.server.derivation.transition.job.RederiveOperationProvider.class
                .getMethod("status", org.hl7.fhir.r4.model.StringType.class)
                .getAnnotation(Operation.class);
        OperationDeclaration status = OperationDeclarations.declaration(operation, access);

        assertThat(status.grantedBy(scope("system/*.cruds"))).isTrue();
        assertThat(status.grantedBy(scope("system/*.rs"))).isFalse();
        assertThat(status.grantedBy(scope("user/*.cruds"))).isFalse();
    }

    private static SmartScope scope(String text) {
        return SmartScope.parse(text).orElseThrow();
    }
}
