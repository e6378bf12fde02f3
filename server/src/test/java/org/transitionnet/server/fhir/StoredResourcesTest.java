package org.transitionnet.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoredResourcesTest {

    private final DaoRegistry daos = mock(DaoRegistry.class);

    @SuppressWarnings("unchecked")
    private final IFhirResourceDao<Patient> patients = mock(IFhirResourceDao.class);

    private final Patient stored = new Patient();

    @BeforeEach
    void wire() {
        when(daos.getFhirContext()).thenReturn(FhirContext.forR4Cached());
        when(daos.getResourceDao(Patient.class)).thenReturn(patients);
        when(patients.read(
                        argThat((IIdType id) -> id != null && "Patient/p1".equals(id.getValue())),
                        any(RequestDetails.class)))
                .thenReturn(stored);
        when(patients.read(
                        argThat((IIdType id) -> id != null && "Patient/never".equals(id.getValue())),
                        any(RequestDetails.class)))
                .thenThrow(new ResourceNotFoundException(new IdType("Patient/never")));
        when(patients.read(
                        argThat((IIdType id) -> id != null && "Patient/deleted".equals(id.getValue())),
                        any(RequestDetails.class)))
                .thenThrow(new ResourceGoneException("deleted"));
    }

    @Test
    void aStoredResourceIsFoundAndNeverStoredOrDeletedAreNone() {
        assertThat(StoredResources.find(daos, Patient.class, "p1")).containsSame(stored);
        assertThat(StoredResources.find(daos, Patient.class, "never")).isEmpty();
        assertThat(StoredResources.find(daos, Patient.class, "deleted")).isEmpty();
        assertThat(StoredResources.exists(daos, Patient.class, "p1")).isTrue();
        assertThat(StoredResources.exists(daos, Patient.class, "deleted")).isFalse();
    }
}
