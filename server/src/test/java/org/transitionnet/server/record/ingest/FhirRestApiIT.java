package org.transitionnet.server.record.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/** The plain FHIR R4 REST API that EHRs and apps rely on, end to end over HTTP on PostgreSQL. */
class FhirRestApiIT extends ServerTestBase {

    @Test
    void capabilityStatementDescribesAnR4ServerWithOperations() {
        CapabilityStatement cs =
                client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getSoftware().getName()).isEqualTo("TransitionNet");
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.getRestFirstRep();
        assertThat(rest.getResource())
                .extracting(r -> r.getType())
                .contains("Patient", "Observation", "MedicationRequest", "CarePlan", "Condition", "Provenance");
        // HAPI announces batch and transaction as one system interaction.
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction");
    }

    @Test
    void createReadUpdateDeleteAndHistory() {
        Patient patient = new Patient();
        patient.addName().setFamily("Crud").addGiven("Ada");
        MethodOutcome created = client.create().resource(patient).execute();
        String id = created.getId().getIdPart();

        Patient read = client.read().resource(Patient.class).withId(id).execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Crud");

        read.getNameFirstRep().setFamily("Crud-Updated");
        client.update().resource(read).execute();
        Bundle history = client.history()
                .onInstance("Patient/" + id)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(history.getEntry()).hasSize(2);
        assertThat(client.read()
                        .resource(Patient.class)
                        .withId(id)
                        .execute()
                        .getMeta()
                        .getVersionId())
                .isEqualTo("2");

        client.delete().resourceById("Patient", id).execute();
        assertThatThrownBy(
                        () -> client.read().resource(Patient.class).withId(id).execute())
                .isInstanceOf(ResourceGoneException.class);
    }

    @Test
    void conditionalCreateAndConditionalUpdateAreIdempotent() {
        String system = "urn:test:mrn";
        String value = UUID.randomUUID().toString();
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(system).setValue(value));

        MethodOutcome first = client.create()
                .resource(patient)
                .conditionalByUrl("Patient?identifier=" + system + "|" + value)
                .execute();
        MethodOutcome second = client.create()
                .resource(patient)
                .conditionalByUrl("Patient?identifier=" + system + "|" + value)
                .execute();
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());

        patient.setActive(true);
        MethodOutcome updated = client.update()
                .resource(patient)
                .conditionalByUrl("Patient?identifier=" + system + "|" + value)
                .execute();
        assertThat(updated.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
    }

    @Test
    void transactionResolvesPlaceholderReferencesAndSearchFindsTheResult() {
        String code = "4548-4";
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addName().setFamily("Transaction");
        tx.addEntry()
                .setFullUrl(patientUrn)
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        tx.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(hba1c(patientUrn, "2021-03-01", 8.1))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");

        Bundle response = client.transaction().withBundle(tx).execute();
        String patientId =
                response.getEntry().get(0).getResponse().getLocation().split("/")[1];
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("201");

        Bundle found = client.search()
                .forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patientId))
                .and(Observation.CODE.exactly().systemAndCode("http://loinc.org", code))
                .and(Observation.DATE.afterOrEquals().day("2021-01-01"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        assertThat(((Observation) found.getEntryFirstRep().getResource())
                        .getValueQuantity()
                        .getValue())
                .isEqualByComparingTo("8.1");
    }

    @Test
    void batchProcessesEntriesIndependently() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        Patient good = new Patient();
        good.addName().setFamily("Batch");
        batch.addEntry()
                .setResource(good)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        batch.addEntry()
                .getRequest()
                .setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Patient/does-not-exist-" + UUID.randomUUID());

        Bundle response = client.transaction().withBundle(batch).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("404");
        assertThat(response.getEntry().get(1).getResponse().getOutcome()).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void validateReportsErrorsOfAnInvalidResource() {
        Observation invalid = new Observation();
        invalid.getCode().setText("no status");

        HttpResponse<String> response = http.post(
                "/Observation/$validate",
                fhirContext
                        .newJsonParser()
                        .encodeResourceToString(new Parameters()
                                .addParameter(new Parameters.ParametersParameterComponent()
                                        .setName("resource")
                                        .setResource(invalid))));

        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getDiagnostics()).contains("Observation.status");
        });
    }

    @Test
    void validateAcceptsAValidResource() {
        Patient patient = new Patient();
        patient.addName().setFamily("Valid");
        MethodOutcome outcome = client.validate().resource(patient).execute();
        OperationOutcome oo = (OperationOutcome) outcome.getOperationOutcome();
        assertThat(oo.getIssue()).noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }

    @Test
    void everythingReturnsThePatientCompartment() {
        Patient patient = new Patient();
        patient.addName().setFamily("Everything");
        String patientId = client.create()
                .resource(patient)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        client.create().resource(hba1c(patientId, "2022-05-01", 7.0)).execute();

        Parameters out = client.operation()
                .onInstance(patientId)
                .named("$everything")
                .withNoParameters(Parameters.class)
                .useHttpGet()
                .execute();
        Bundle bundle = (Bundle) out.getParameterFirstRep().getResource();
        assertThat(bundle.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .contains("Patient", "Observation");
    }

    @Test
    void searchByTokenOnMedicationRequestAndCarePlanUsesThePatientParameter() {
        Patient patient = new Patient();
        String patientId = client.create()
                .resource(patient)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        Bundle none = client.search()
                .forResource("CarePlan")
                .where(new TokenClientParam("status").exactly().code("active"))
                .and(new ca.uhn.fhir.rest.gclient.ReferenceClientParam("patient").hasId(patientId))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(none.getEntry()).isEmpty();
    }

    @Test
    void openApiAndHealthEndpointsAnswer() {
        HttpResponse<String> openapi = http.get("/api-docs");
        assertThat(openapi.statusCode()).as(openapi.body()).isEqualTo(200);
        assertThat(openapi.body())
                .startsWith("openapi: 3")
                .contains("/Observation")
                // the IG's OperationDefinitions, which the CapabilityStatement references, describe the custom
                // operations
                .contains("/$rederive-status", "/Patient/{id}/$trajectory");

        HttpResponse<String> readiness =
                http.get("http://localhost:" + port + "/actuator/health/readiness", "application/json");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        HttpResponse<String> liveness =
                http.get("http://localhost:" + port + "/actuator/health/liveness", "application/json");
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    static Observation hba1c(String subject, String date, double percent) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("4548-4");
        observation.setSubject(new Reference(subject));
        observation.setEffective(new DateTimeType(date));
        observation.setValue(new Quantity()
                .setValue(percent)
                .setUnit("%")
                .setSystem("http://unitsofmeasure.org")
                .setCode("%"));
        return observation;
    }
}
