package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default rule set on the Synthea fixture patients: nothing identifying survives, dates only shifted. */
class DeidEngineTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME_OF_DAY = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2}T[^\"]+)\"");
    private static final String RELEASE_DATE = DeidTestKeys.RELEASE.toString().substring(0, 10);
    private static List<SyntheaSource.PatientFile> patients;

    @BeforeAll
    static void load() {
        patients = SyntheaSource.patients(CTX);
    }

    static DeidEngine engine(String key) {
        return new DeidEngine(
                CTX, DefaultRules.load(), DeidKey.of(key), 365, LocalDate.of(2026, 1, 1), DeidTestKeys.RELEASE);
    }

    @Test
    void leakScanFindsNoIdentifyingValueInAnyExportedByte() {
        DeidEngine engine = engine(DeidTestKeys.KEY_A);
        for (SyntheaSource.PatientFile file : patients) {
            IdentifyingValues identifying = IdentifyingValues.of(CTX, file.resources());
            assertThat(identifying.values)
                    .as("the scan must find the patient's identifiers to mean anything")
                    .contains(
                            file.patient().getNameFirstRep().getFamily(),
                            file.patientId(),
                            file.patient().getAddressFirstRep().getLine().get(0).getValue(),
                            file.patient().getTelecomFirstRep().getValue());
            String output = exportAll(engine, file);
            for (String value : identifying.values) {
                if (output.contains(value)) {
                    fail("identifying value '" + value + "' of " + file.patientId() + " leaked: ..."
                            + output.substring(
                                    Math.max(0, output.indexOf(value) - 200),
                                    Math.min(output.length(), output.indexOf(value) + 100)));
                }
            }
            for (String dateTime : identifying.dateTimes) {
                assertThat(output).as("unshifted timestamp").doesNotContain(dateTime);
            }
            assertThat(output)
                    .doesNotContain(file.patient().getBirthDateElement().getValueAsString());
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
                shiftedSourceDates.add(
                        LocalDate.parse(m.group()).plusDays(shift).toString());
            }
            Matcher out = DATE.matcher(exportAll(engine, file));
            int dates = 0;
            while (out.find()) {
                if (out.group().equals(RELEASE_DATE)) {
                    continue; // the release time of server-written times (Provenance.recorded)
                }
                dates++;
                assertThat(shiftedSourceDates)
                        .as("exported date " + out.group())
                        .contains(out.group());
            }
            assertThat(dates).isGreaterThan(100);
        }
    }

    @Test
    void intervalsWithinAPatientSurvive() {
        DeidEngine engine = engine(DeidTestKeys.KEY_A);
        SyntheaSource.PatientFile file = patients.get(0);
        List<Observation> source = file.resources().stream()
                .filter(Observation.class::isInstance)
                .map(Observation.class::cast)
                .filter(Observation::hasEffectiveDateTimeType)
                .toList();
        Observation first = source.get(0);
        Observation last = source.get(source.size() - 1);
        Observation firstOut = (Observation) engine.deidentify(first, file.patientId());
        Observation lastOut = (Observation) engine.deidentify(last, file.patientId());
        // Released as dates: the interval in calendar days survives.
        long sourceDays = java.time.temporal.ChronoUnit.DAYS.between(
                localDate(first.getEffectiveDateTimeType()), localDate(last.getEffectiveDateTimeType()));
        long outDays = java.time.temporal.ChronoUnit.DAYS.between(
                LocalDate.parse(firstOut.getEffectiveDateTimeType().getValueAsString()),
                LocalDate.parse(lastOut.getEffectiveDateTimeType().getValueAsString()));
        assertThat(outDays).isEqualTo(sourceDays);
        assertThat(firstOut.getEffectiveDateTimeType().getValue())
                .isNotEqualTo(first.getEffectiveDateTimeType().getValue());
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
        Observation obs = (Observation) engine.deidentify(
                file.resources().stream()
                        .filter(Observation.class::isInstance)
                        .findFirst()
                        .orElseThrow(),
                file.patientId());
        assertThat(obs.getSubject().getReference())
                .isEqualTo("Patient/" + patient.getIdElement().getIdPart());
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
        assertThat(out.getAddressFirstRep().getPostalCode())
                .hasSize(3)
                .isEqualTo(file.patient().getAddressFirstRep().getPostalCode().substring(0, 3));
        assertThat(out.getAddressFirstRep().getState())
                .isEqualTo(file.patient().getAddressFirstRep().getState());
        assertThat(out.getBirthDateElement().getValueAsString()).hasSize(4);
        assertThat(out.getGender()).isEqualTo(file.patient().getGender());
    }

    @Test
    void noReleasedTimeHasATimeOfDay() {
        DeidEngine engine = engine(DeidTestKeys.KEY_A);
        int times = 0;
        for (SyntheaSource.PatientFile file : patients) {
            Matcher m = TIME_OF_DAY.matcher(exportAll(engine, file));
            while (m.find()) {
                times++;
                // The release time (server-written times), or an instant released as midnight UTC of its date.
                assertThat(m.group(1))
                        .as("a released time")
                        .matches(DeidTestKeys.RELEASE + "|\\d{4}-\\d{2}-\\d{2}T00:00:00Z");
            }
        }
        assertThat(times).as("the Synthea Provenance's recorded time").isPositive();
    }

    @Test
    void aRuleSetCanKeepTimesOfDay() {
        DeidRuleSet days = DefaultRules.load();
        DeidRuleSet seconds =
                new DeidRuleSet(days.version(), "second", days.keepExtensions(), days.restrictedZip3(), days.rules());
        DeidEngine engine = new DeidEngine(
                CTX, seconds, DeidKey.of(DeidTestKeys.KEY_A), 365, LocalDate.of(2026, 1, 1), DeidTestKeys.RELEASE);
        SyntheaSource.PatientFile file = patients.get(0);
        Observation source = file.resources().stream()
                .filter(Observation.class::isInstance)
                .map(Observation.class::cast)
                .filter(Observation::hasEffectiveDateTimeType)
                .findFirst()
                .orElseThrow();
        Observation out = (Observation) engine.deidentify(source, file.patientId());
        assertThat(out.getEffectiveDateTimeType().getValueAsString()).contains("T");
        assertThat(out.getEffectiveDateTimeType().getValue().getTime()
                        - source.getEffectiveDateTimeType().getValue().getTime())
                .isEqualTo(engine.dates().shiftDays(file.patientId()) * 86_400_000L);
    }

    @Test
    void serverWrittenTimesAreTheReleaseTimeWhateverThePatient() {
        java.util.Date derived = new java.util.Date(System.currentTimeMillis() - 3_600_000L);
        org.hl7.fhir.r4.model.Provenance provenance = new org.hl7.fhir.r4.model.Provenance();
        provenance.setId("prov");
        provenance.setRecorded(derived);
        provenance.setOccurred(new org.hl7.fhir.r4.model.DateTimeType("2019-04-05T10:11:12-04:00"));
        org.hl7.fhir.r4.model.Bundle source = new org.hl7.fhir.r4.model.Bundle();
        source.setId("b");
        source.setTimestamp(new java.util.Date());
        source.addEntry().setResource(provenance);
        DeidEngine engine = engine(DeidTestKeys.KEY_A);
        for (String patientId : List.of("p1", "p2", "p3")) {
            org.hl7.fhir.r4.model.Bundle out = engine.deidentifyBundle(source, patientId);
            assertThat(out.getTimestampElement().getValueAsString()).isEqualTo(DeidTestKeys.RELEASE.toString());
            org.hl7.fhir.r4.model.Provenance p =
                    (org.hl7.fhir.r4.model.Provenance) out.getEntryFirstRep().getResource();
            assertThat(p.getRecordedElement().getValueAsString()).isEqualTo(DeidTestKeys.RELEASE.toString());
            assertThat(p.getOccurredDateTimeType().getValueAsString())
                    .isEqualTo(LocalDate.of(2019, 4, 5)
                            .plusDays(engine.dates().shiftDays(patientId))
                            .toString());
        }
    }

    @Test
    void quasiIdentifiersResearchDoesNotNeedAreRemovedAndDeathIsAFlag() {
        DeidEngine engine = engine(DeidTestKeys.KEY_A);
        SyntheaSource.PatientFile file = patients.get(0);
        Patient source = file.patient().copy();
        source.setMaritalStatus(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "M", "Married")));
        source.addCommunication()
                .setLanguage(new org.hl7.fhir.r4.model.CodeableConcept(
                        new org.hl7.fhir.r4.model.Coding("urn:ietf:bcp:47", "en-US", null)));
        source.setMultipleBirth(new org.hl7.fhir.r4.model.IntegerType(2));
        source.setDeceased(new org.hl7.fhir.r4.model.DateTimeType("2021-03-04T05:06:07-05:00"));
        source.setManagingOrganization(new org.hl7.fhir.r4.model.Reference("Organization/17"));
        Patient out = (Patient) engine.deidentify(source, file.patientId());
        assertThat(out.hasMaritalStatus()).isFalse();
        assertThat(out.getCommunication()).allMatch(c -> c.isEmpty());
        assertThat(out.hasMultipleBirth()).isFalse();
        assertThat(out.getManagingOrganization().isEmpty()).isTrue();
        assertThat(out.getDeceased()).isInstanceOf(org.hl7.fhir.r4.model.BooleanType.class);
        assertThat(out.getDeceasedBooleanType().booleanValue()).isTrue();
        assertThat(CTX.newJsonParser().encodeResourceToString(out))
                .doesNotContain("2021")
                .doesNotContain("2020")
                .doesNotContain("2022");
    }

    @Test
    void careProviderReferencesAreRemoved() {
        DeidEngine engine = engine(DeidTestKeys.KEY_A);
        org.hl7.fhir.r4.model.MedicationRequest request = new org.hl7.fhir.r4.model.MedicationRequest();
        request.setId("mr");
        request.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/p1"));
        request.setRequester(new org.hl7.fhir.r4.model.Reference("Practitioner/42"));
        request.setPerformer(new org.hl7.fhir.r4.model.Reference("Organization/7"));
        request.setEncounter(new org.hl7.fhir.r4.model.Reference("Encounter/9"));
        org.hl7.fhir.r4.model.MedicationRequest out =
                (org.hl7.fhir.r4.model.MedicationRequest) engine.deidentify(request, "p1");
        assertThat(out.getRequester().isEmpty()).isTrue();
        assertThat(CTX.newJsonParser().encodeResourceToString(out))
                .doesNotContain("Practitioner")
                .doesNotContain("Organization")
                .contains("Encounter/")
                .contains("Patient/" + engine.patientPseudonym("p1"));
    }

    @Test
    void perExportKeysLinkNeitherToEachOtherNorToTheServersKey() {
        DeidKey key = DeidKey.of(DeidTestKeys.KEY_A);
        List<DeidEngine> engines = List.of(
                new DeidEngine(CTX, DefaultRules.load(), key, 365, LocalDate.of(2026, 1, 1), DeidTestKeys.RELEASE),
                new DeidEngine(
                        CTX,
                        DefaultRules.load(),
                        key.forExport("salt-1"),
                        365,
                        LocalDate.of(2026, 1, 1),
                        DeidTestKeys.RELEASE),
                new DeidEngine(
                        CTX,
                        DefaultRules.load(),
                        key.forExport("salt-2"),
                        365,
                        LocalDate.of(2026, 1, 1),
                        DeidTestKeys.RELEASE));
        Set<String> pseudonyms = new HashSet<>();
        Set<List<Integer>> shifts = new HashSet<>();
        for (DeidEngine e : engines) {
            pseudonyms.add(e.patientPseudonym("p1"));
            shifts.add(List.of(
                    e.dates().shiftDays("p1"),
                    e.dates().shiftDays("p2"),
                    e.dates().shiftDays("p3")));
        }
        assertThat(pseudonyms).hasSize(3);
        assertThat(shifts).hasSize(3);
        assertThat(new DeidEngine(
                                CTX,
                                DefaultRules.load(),
                                key.forExport("salt-1"),
                                365,
                                LocalDate.of(2026, 1, 1),
                                DeidTestKeys.RELEASE)
                        .patientPseudonym("p1"))
                .as("the same salt gives the same key")
                .isEqualTo(engines.get(1).patientPseudonym("p1"));
    }

    private static LocalDate localDate(org.hl7.fhir.r4.model.BaseDateTimeType t) {
        return LocalDate.parse(t.getValueAsString().substring(0, 10));
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
