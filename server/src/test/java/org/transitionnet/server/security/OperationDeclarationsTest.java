package org.transitionnet.server.security;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;
import org.transitionnet.server.security.audit.AuditedAction.Kind;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationDeclarationsTest {

	static class Declared {
		@OperationAccess(scope = "Observation.r", contexts = {Context.PATIENT, Context.USER}, compartment = Compartment.PATIENT,
				audit = Kind.TRAJECTORY_READ)
		@Operation(name = "$look", idempotent = true, typeName = "Patient")
		public Parameters look(@IdParam IdType patient) {
			return new Parameters();
		}

		@OperationAccess(scope = "Observation.c", contexts = Context.SYSTEM, compartment = Compartment.SYSTEM,
				auditDelete = Kind.DATASET_BUILD_CANCEL)
		@Operation(name = "$job", deleteEnabled = true)
		public Parameters job() {
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
		@OperationAccess(scope = "Observation.r", contexts = Context.SYSTEM, compartment = Compartment.SYSTEM,
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
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("patient-context scope");
		assertThatThrownBy(() -> OperationDeclarations.of(List.of(new CancelAuditWithoutDelete())))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("does not accept DELETE");
		assertThatThrownBy(() -> OperationDeclarations.of(List.of(new MalformedScope())))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("scope 'observations'");
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
		assertThat(look.grantedBy(scope("system/Observation.rs"))).as("context not declared").isFalse();
		assertThat(look.grantedBy(scope("user/Condition.rs"))).as("other type").isFalse();
		assertThat(look.grantedBy(scope("user/Observation.s"))).as("letter missing").isFalse();
		assertThat(look.grantedBy(scope("patient/Observation.rs?category=laboratory"))).as("filtered").isFalse();
		assertThat(job.grantedBy(scope("system/Observation.c"))).isTrue();
		assertThat(job.grantedBy(scope("system/Observation.rs"))).isFalse();
	}

	@Test
	void anAdministrativeDeclarationIsGrantedOnlyByAFullSystemScope() throws Exception {
		OperationAccess access = org.transitionnet.server.transition.RederiveOperationProvider.class
				.getMethod("status", org.hl7.fhir.r4.model.StringType.class).getAnnotation(OperationAccess.class);
		Operation operation = org.transitionnet.server.transition.RederiveOperationProvider.class
				.getMethod("status", org.hl7.fhir.r4.model.StringType.class).getAnnotation(Operation.class);
		OperationDeclaration status = OperationDeclarations.declaration(operation, access);

		assertThat(status.grantedBy(scope("system/*.cruds"))).isTrue();
		assertThat(status.grantedBy(scope("system/*.rs"))).isFalse();
		assertThat(status.grantedBy(scope("user/*.cruds"))).isFalse();
	}

	private static SmartScope scope(String text) {
		return SmartScope.parse(text).orElseThrow();
	}
}
