package org.transitionnet.server.deid;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The default rule set on the Synthea fixture patients: nothing identifying survives, dates only shifted. */
class DeidEngineTest {

	private static final FhirContext CTX = FhirContext.forR4Cached();
	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
	private static List<SyntheaSource.PatientFile> patients;

	@BeforeAll
	static void load() {
		patients = SyntheaSource.patients(CTX);
	}

	static DeidEngine engine(String key) {
		return new DeidEngine(CTX, DefaultRules.load(), DeidKey.of(key), 365, LocalDate.of(2026, 1, 1));
	}

	@Test
	void leakScanFindsNoIdentifyingValueInAnyExportedByte() {
		DeidEngine engine = engine(DeidTestKeys.KEY_A);
		for (SyntheaSource.PatientFile file : patients) {
			IdentifyingValues identifying = IdentifyingValues.of(CTX, file.resources());
			assertThat(identifying.values).as("the scan must find the patient's identifiers to mean anything")
					.contains(file.patient().getNameFirstRep().getFamily(), file.patientId(),
							file.patient().getAddressFirstRep().getLine().get(0).getValue(), file.patient().getTelecomFirstRep().getValue());
			String output = exportAll(engine, file);
			for (String value : identifying.values) {
				if (output.contains(value)) {
					fail("identifying value '" + value + "' of " + file.patientId() + " leaked: ..."
							+ output.substring(Math.max(0, output.indexOf(value) - 200), Math.min(output.length(), output.indexOf(value) + 100)));
				}
			}
			for (String dateTime : identifying.dateTimes) {
				assertThat(output).as("unshifted timestamp").doesNotContain(dateTime);
			}
			assertThat(output).doesNotContain(file.patient().getBirthDateElement().getValueAsString());
		}
	}

	@Test
	void everyExportedDateIsASourceDateShiftedByThePatientsOffset() {
		DeidEngine engine = engine(DeidTestKeys.KEY_A);
		for (SyntheaSource.PatientFile file : patients) {
			int shift = engine.dates().shiftDays(file.patientId());
			assertThat(shift).isNotZero();
			Set<String> shiftedSourceDates = new HashSet<>();
			String source = CTX.newJsonParser().encodeResourceToString(bundleOf(file.resources()));
			Matcher m = DATE.matcher(source);
			while (m.find()) {
				shiftedSourceDates.add(LocalDate.parse(m.group()).plusDays(shift).toString());
			}
			Matcher out = DATE.matcher(exportAll(engine, file));
			int dates = 0;
			while (out.find()) {
				dates++;
				assertThat(shiftedSourceDates).as("exported date " + out.group()).contains(out.group());
			}
			assertThat(dates).isGreaterThan(100);
		}
	}

	@Test
	void intervalsWithinAPatientSurvive() {
		DeidEngine engine = engine(DeidTestKeys.KEY_A);
		SyntheaSource.PatientFile file = patients.get(0);
		List<Observation> source = file.resources().stream().filter(Observation.class::isInstance).map(Observation.class::cast)
				.filter(Observation::hasEffectiveDateTimeType).toList();
		Observation first = source.get(0);
		Observation last = source.get(source.size() - 1);
		Observation firstOut = (Observation) engine.deidentify(first, file.patientId());
		Observation lastOut = (Observation) engine.deidentify(last, file.patientId());
		long sourceMillis = last.getEffectiveDateTimeType().getValue().getTime() - first.getEffectiveDateTimeType().getValue().getTime();
		long outMillis = lastOut.getEffectiveDateTimeType().getValue().getTime() - firstOut.getEffectiveDateTimeType().getValue().getTime();
		assertThat(outMillis).isEqualTo(sourceMillis);
		assertThat(firstOut.getEffectiveDateTimeType().getValue()).isNotEqualTo(first.getEffectiveDateTimeType().getValue());
	}

	@Test
	void samePatientSamePseudonymAndShiftUnderOneKeyUnlinkableUnderAnother() {
		DeidEngine a = engine(DeidTestKeys.KEY_A);
		DeidEngine a2 = engine(DeidTestKeys.KEY_A);
		DeidEngine b = engine(DeidTestKeys.KEY_B);
		SyntheaSource.PatientFile file = patients.get(1);
		assertThat(a.patientPseudonym(file.patientId())).isEqualTo(a2.patientPseudonym(file.patientId()));
		assertThat(a.dates().shiftDays(file.patientId())).isEqualTo(a2.dates().shiftDays(file.patientId()));
		assertThat(exportAll(a, file)).isEqualTo(exportAll(a2, file));

		Set<String> idsA = new HashSet<>();
		Set<String> idsB = new HashSet<>();
		for (Resource r : file.resources()) {
			idsA.add(a.deidentify(r, file.patientId()).getIdElement().getIdPart());
			idsB.add(b.deidentify(r, file.patientId()).getIdElement().getIdPart());
		}
		assertThat(idsA).doesNotContainAnyElementsOf(idsB);
		assertThat(exportAll(b, file)).doesNotContain(a.patientPseudonym(file.patientId()));
	}

	@Test
	void referencesPointAtTheReferencedResourcesPseudonym() {
		DeidEngine engine = engine(DeidTestKeys.KEY_A);
		SyntheaSource.PatientFile file = patients.get(0);
		Patient patient = (Patient) engine.deidentify(file.patient(), file.patientId());
		Observation obs = (Observation) engine.deidentify(file.resources().stream().filter(Observation.class::isInstance)
				.findFirst().orElseThrow(), file.patientId());
		assertThat(obs.getSubject().getReference()).isEqualTo("Patient/" + patient.getIdElement().getIdPart());
		assertThat(patient.getIdElement().getIdPart()).isEqualTo(engine.patientPseudonym(file.patientId()));
	}

	@Test
	void patientKeepsOnlyGeneralizedQuasiIdentifiers() {
		DeidEngine engine = engine(DeidTestKeys.KEY_A);
		SyntheaSource.PatientFile file = patients.get(0);
		Patient out = (Patient) engine.deidentify(file.patient(), file.patientId());
		assertThat(out.getName()).allMatch(n -> n.isEmpty());
		assertThat(out.getIdentifier()).allMatch(i -> i.isEmpty());
		assertThat(out.getTelecom()).allMatch(t -> t.isEmpty());
		assertThat(out.getExtension()).isEmpty();
		assertThat(out.hasText()).isFalse();
		assertThat(out.getAddressFirstRep().getPostalCode()).hasSize(3)
				.isEqualTo(file.patient().getAddressFirstRep().getPostalCode().substring(0, 3));
		assertThat(out.getAddressFirstRep().getState()).isEqualTo(file.patient().getAddressFirstRep().getState());
		assertThat(out.getBirthDateElement().getValueAsString()).hasSize(4);
		assertThat(out.getGender()).isEqualTo(file.patient().getGender());
	}

	private static String exportAll(DeidEngine engine, SyntheaSource.PatientFile file) {
		List<Resource> out = new ArrayList<>();
		for (Resource r : file.resources()) {
			out.add(engine.deidentify(r, file.patientId()));
		}
		return CTX.newJsonParser().encodeResourceToString(bundleOf(out));
	}

	private static org.hl7.fhir.r4.model.Bundle bundleOf(List<Resource> resources) {
		org.hl7.fhir.r4.model.Bundle b = new org.hl7.fhir.r4.model.Bundle();
		resources.forEach(r -> b.addEntry().setResource(r));
		return b;
	}
}
