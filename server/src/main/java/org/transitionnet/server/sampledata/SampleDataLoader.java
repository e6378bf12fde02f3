package org.transitionnet.server.sampledata;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.transitionnet.server.config.StartupLock;

/**
 * Stores the sample bundles once, at the first start on an empty database (no Patient yet), through
 * HAPI's transaction processing as if an EHR had pushed them; incremental derivation then derives their
 * transitions in the background like for any other write. A database that already holds patients is
 * never touched, also when several nodes start on it together.
 */
public class SampleDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);

    private final SampleDataProperties properties;
    private final DaoRegistry daos;
    private final FhirContext fhirContext;
    private final ResourcePatternResolver resources;
    private final StartupLock startupLock;

    public SampleDataLoader(
            SampleDataProperties properties,
            DaoRegistry daos,
            FhirContext fhirContext,
            ResourcePatternResolver resources,
            StartupLock startupLock) {
        this.properties = properties;
        this.daos = daos;
        this.fhirContext = fhirContext;
        this.resources = resources;
        this.startupLock = startupLock;
    }

    /** Under the start-up lock: of several nodes starting on one empty database, one stores and the others find patients. */
    @Override
    public void run(ApplicationArguments args) {
        startupLock.whileHolding("sample data", this::loadIntoEmptyDatabase);
    }

    private void loadIntoEmptyDatabase() {
        if (hasPatients()) {
            log.info("Sample data: the database already holds patients; nothing loaded");
            return;
        }
        List<Resource> files = SampleBundles.find(resources, properties.location());
        if (files.isEmpty()) {
            log.warn("Sample data: no *.json or *.json.gz bundles in {}", properties.location());
            return;
        }
        long start = System.currentTimeMillis();
        int entries = 0;
        for (Resource file : files) {
            entries += store(file);
        }
        log.info(
                "Sample data: stored {} bundles ({} resources) from {} in {} ms; their transitions are derived in the background",
                files.size(),
                entries,
                properties.location(),
                System.currentTimeMillis() - start);
    }

    @SuppressWarnings("unchecked")
    private int store(Resource file) {
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, SampleBundles.read(file));
        if (!SampleBundles.isInformation(file)) {
            ClientAssignedIds.apply(bundle);
        } else {
            bundle.setType(Bundle.BundleType.TRANSACTION);
        }
        try {
            daos.getSystemDao().transaction(new SystemRequestDetails(), bundle);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Sample data: storing " + SampleBundles.name(file) + " failed: " + e.getMessage(), e);
        }
        return bundle.getEntry().size();
    }

    private boolean hasPatients() {
        SearchParameterMap anyPatient = SearchParameterMap.newSynchronous();
        anyPatient.setLoadSynchronousUpTo(1);
        return !daos.getResourceDao("Patient")
                .search(anyPatient, new SystemRequestDetails())
                .getResources(0, 1)
                .isEmpty();
    }
}
