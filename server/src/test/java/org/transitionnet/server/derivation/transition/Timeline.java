package org.transitionnet.server.derivation.transition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.transitionnet.server.record.patient.PatientRecord;

/** Hand-written patient timelines for golden tests: every time is a day offset from day 0. */
final class Timeline {

    static final Instant DAY_ZERO = Instant.parse("2021-03-01T09:00:00Z");
    static final String LOINC = "http://loinc.org";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private final String patientId;
    private final List<Observation> observations = new ArrayList<>();
    private final List<MedicationRequest> requests = new ArrayList<>();
    private final List<CarePlan> carePlans = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private int sequence;

    Timeline(String patientId) {
        this.patientId = patientId;
    }

    static Date day(int offset) {
        return Date.from(DAY_ZERO.plus(offset, ChronoUnit.DAYS));
    }

    Timeline lab(String loinc, double value, String ucum, int day) {
        Observation o = new Observation();
        o.setId("obs-" + (++sequence));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding(LOINC, loinc, null));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new DateTimeType(day(day)));
        o.setValue(new Quantity()
                .setValue(BigDecimal.valueOf(value))
                .setSystem("http://unitsofmeasure.org")
                .setCode(ucum)
                .setUnit(ucum));
        observations.add(o);
        return this;
    }

    Timeline bloodPressure(double systolic, double diastolic, int day) {
        Observation o = new Observation();
        o.setId("obs-" + (++sequence));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding(LOINC, "85354-9", null));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new DateTimeType(day(day)));
        o.addComponent()
                .setCode(new CodeableConcept(new Coding(LOINC, "8480-6", null)))
                .setValue(new Quantity()
                        .setValue(BigDecimal.valueOf(systolic))
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("mm[Hg]"));
        o.addComponent()
                .setCode(new CodeableConcept(new Coding(LOINC, "8462-4", null)))
                .setValue(new Quantity()
                        .setValue(BigDecimal.valueOf(diastolic))
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("mm[Hg]"));
        observations.add(o);
        return this;
    }

    Timeline prescription(
            String id, String rxnorm, int startDay, MedicationRequest.MedicationRequestStatus status, Integer endDay) {
        MedicationRequest m = new MedicationRequest();
        m.setId(id);
        m.setStatus(status);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(new CodeableConcept(new Coding(RXNORM, rxnorm, null)));
        m.setSubject(new Reference("Patient/" + patientId));
        m.setAuthoredOn(day(startDay));
        org.hl7.fhir.r4.model.Dosage dosage = m.addDosageInstruction();
        dosage.getTiming()
                .getRepeat()
                .setFrequency(2)
                .setPeriod(1)
                .setPeriodUnit(org.hl7.fhir.r4.model.Timing.UnitsOfTime.D);
        if (endDay != null) {
            dosage.getTiming()
                    .getRepeat()
                    .setBounds(new Period().setStart(day(startDay)).setEnd(day(endDay)));
        }
        dosage.addDoseAndRate().setDose(new Quantity().setValue(500).setUnit("mg"));
        requests.add(m);
        return this;
    }

    Timeline carePlan(String id, String snomedCategory, int startDay) {
        CarePlan c = new CarePlan();
        c.setId(id);
        c.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        c.setIntent(CarePlan.CarePlanIntent.PLAN);
        c.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", snomedCategory, null)));
        c.setSubject(new Reference("Patient/" + patientId));
        c.setPeriod(new Period().setStart(day(startDay)));
        carePlans.add(c);
        return this;
    }

    Timeline condition(String id, String snomed, int onsetDay) {
        Condition c = new Condition();
        c.setId(id);
        c.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", snomed, "condition " + snomed)));
        c.setSubject(new Reference("Patient/" + patientId));
        c.setOnset(new DateTimeType(day(onsetDay)));
        conditions.add(c);
        return this;
    }

    PatientRecord record() {
        return new PatientRecord(patientId, observations, requests, carePlans, conditions, List.of(), Map.of());
    }
}
