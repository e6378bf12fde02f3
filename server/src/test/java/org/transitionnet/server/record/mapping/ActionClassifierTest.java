package org.transitionnet.server.record.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.ActionKind;
import org.transitionnet.catalogue.MappingCatalogue;

/** Every action kind of the shipped catalogue read and classified by the one generic code. */
class ActionClassifierTest {

    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String ATC = "http://www.whocc.no/atc";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final MappingCatalogue CATALOGUE =
            new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/");
    private final ActionClassifier classifier = new ActionClassifier(CATALOGUE);

    private List<String> classes(Resource resource) {
        ActionKindReader reader = classifier.readerOf(resource.fhirType()).orElseThrow();
        return reader.read(
                        resource,
                        reference -> "Medication/m1".equals(reference)
                                ? new CodeableConcept(new Coding(RXNORM, "860975", null))
                                : null)
                .map(a -> classifier.classify(reader.kind(), a.codes()).stream()
                        .map(ActionClass::id)
                        .toList())
                .orElse(List.of());
    }

    private static MedicationRequest request(MedicationRequest.MedicationRequestStatus status) {
        MedicationRequest r = new MedicationRequest();
        r.setId("mr1");
        r.setStatus(status);
        r.setAuthoredOn(Date.from(Instant.parse("2021-03-01T09:00:00Z")));
        return r;
    }

    @Test
    void aMedicationIsPlacedInItsMostSpecificClass() {
        MedicationRequest r = request(MedicationRequest.MedicationRequestStatus.ACTIVE);
        r.setMedication(
                new CodeableConcept(new Coding(RXNORM, "860975", null)).addCoding(new Coding(ATC, "A10", null)));
        assertThat(classes(r)).containsExactly("metformin");
    }

    @Test
    void aReferencedMedicationIsClassifiedByItsCode() {
        MedicationRequest r = request(MedicationRequest.MedicationRequestStatus.COMPLETED);
        r.setMedication(new Reference("Medication/m1"));
        assertThat(classes(r)).containsExactly("metformin");
        r.setMedication(new Reference("Medication/unknown"));
        assertThat(classes(r)).isEmpty();
    }

    @Test
    void anAtcCodeAloneGivesTheDeepestClassOwningIt() {
        MedicationRequest r = request(MedicationRequest.MedicationRequestStatus.ACTIVE);
        r.setMedication(new CodeableConcept(new Coding(ATC, "C10AA", null)));
        assertThat(classes(r)).containsExactly("statins");
    }

    @Test
    void aStatusTheKindDoesNotMapMakesNoAction() {
        MedicationRequest r = request(MedicationRequest.MedicationRequestStatus.ENTEREDINERROR);
        r.setMedication(new CodeableConcept(new Coding(RXNORM, "860975", null)));
        assertThat(classifier.readerOf("MedicationRequest").orElseThrow().read(r, ref -> null))
                .isEmpty();
    }

    @Test
    void aCarePlanBelongsToEveryClassItsCategoriesAndActivitiesName() {
        CarePlan c = new CarePlan();
        c.setId("cp1");
        c.setStatus(CarePlan.CarePlanStatus.REVOKED);
        c.setPeriod(new Period().setStart(Date.from(Instant.parse("2021-03-01T09:00:00Z"))));
        c.addCategory(new CodeableConcept(new Coding(SNOMED, "698360004", null)));
        c.addActivity().getDetail().setCode(new CodeableConcept(new Coding(SNOMED, "160670007", null)));
        assertThat(classes(c)).containsExactly("diabetes-self-management", "diet-therapy");
        assertThat(classifier
                        .readerOf("CarePlan")
                        .orElseThrow()
                        .read(c, ref -> null)
                        .orElseThrow()
                        .status())
                .isEqualTo("stopped");
    }

    @Test
    void aProcedureIsReadFromItsPerformedTime() {
        Procedure p = new Procedure();
        p.setId("pr1");
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setCode(new CodeableConcept(new Coding(SNOMED, "265764009", null)));
        p.setPerformed(new DateTimeType("2021-03-01T08:00:00Z"));
        ActionKindReader.RecordedAction action = classifier
                .readerOf("Procedure")
                .orElseThrow()
                .read(p, ref -> null)
                .orElseThrow();
        assertThat(action.start()).isEqualTo(Instant.parse("2021-03-01T08:00:00Z"));
        assertThat(action.end()).isNull();
        assertThat(classes(p)).containsExactly("renal-dialysis");
        p.setStatus(Procedure.ProcedureStatus.NOTDONE);
        assertThat(classes(p)).isEmpty();
    }

    @Test
    void aWhereExpressionFiltersResources() {
        ActionKind orders = new ActionKind(
                "orders",
                "MedicationRequest",
                List.of("authoredOn"),
                List.of(),
                "status",
                Map.of("active", "active"),
                "intent = 'order'",
                List.of(new ActionKind.CodeElement("medication", List.of("medications"))),
                ActionKind.Selection.EVERY,
                null,
                "basedOn");
        ActionKindReader reader = new ActionKindReader(orders, FhirContext.forR4Cached());
        MedicationRequest r = request(MedicationRequest.MedicationRequestStatus.ACTIVE);
        r.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        assertThat(reader.read(r, ref -> null)).isPresent();
        r.setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL);
        assertThat(reader.read(r, ref -> null)).isEmpty();
    }

    @Test
    void aKindThatCannotBeReadStopsAtConstruction() {
        ActionKind unknownType = new ActionKind(
                "x",
                "Surgery",
                List.of("performed"),
                List.of(),
                "status",
                Map.of("completed", "completed"),
                null,
                List.of(new ActionKind.CodeElement("code", List.of("procedures"))),
                ActionKind.Selection.EVERY,
                null,
                "partOf");
        assertThatThrownBy(() -> new ActionKindReader(unknownType, FhirContext.forR4Cached()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Surgery is not a FHIR resource type");
        ActionKind badPath = new ActionKind(
                "x",
                "Procedure",
                List.of("performed.ofType("),
                List.of(),
                "status",
                Map.of("completed", "completed"),
                null,
                List.of(new ActionKind.CodeElement("code", List.of("procedures"))),
                ActionKind.Selection.EVERY,
                null,
                "partOf");
        assertThatThrownBy(() -> new ActionKindReader(badPath, FhirContext.forR4Cached()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot parse FHIRPath 'performed.ofType('");
    }
}
