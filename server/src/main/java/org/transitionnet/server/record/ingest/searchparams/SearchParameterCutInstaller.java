package org.transitionnet.server.record.ingest.searchparams;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transitionnet.server.config.StartupLock;

/**
 * Stores the overrides of {@link SearchParameterCuts} at start, once for all nodes (under the start-up lock):
 * new or changed overrides are written, overrides the list no longer wants are deleted (which gives the
 * built-in parameter back). Unchanged overrides are left alone, so a restart writes nothing.
 * Writing them does not start HAPI's reindex of the affected types: a cut parameter only stops being
 * extracted; the rows earlier writes stored stay unread until a {@code $reindex} removes them.
 */
public class SearchParameterCutInstaller {

    private static final Logger log = LoggerFactory.getLogger(SearchParameterCutInstaller.class);

    private final IFhirResourceDao<SearchParameter> searchParameters;
    private final JpaStorageSettings storageSettings;
    private final ISearchParamRegistry registry;
    private final StartupLock startupLock;

    public SearchParameterCutInstaller(
            IFhirResourceDao<SearchParameter> searchParameters,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry registry,
            StartupLock startupLock) {
        this.searchParameters = searchParameters;
        this.storageSettings = storageSettings;
        this.registry = registry;
        this.startupLock = startupLock;
    }

    /** What the installation changed. */
    public record Outcome(int written, int deleted, int unchanged) {}

    public Outcome install(List<SearchParameter> overrides) {
        return startupLock.whileHolding("search parameter cuts", () -> installOnce(overrides));
    }

    private Outcome installOnce(List<SearchParameter> overrides) {
        Map<String, SearchParameter> stored = storedOverrides();
        int written = 0;
        int deleted = 0;
        int unchanged = 0;
        boolean reindex = storageSettings.isMarkResourcesForReindexingUponSearchParameterChange();
        storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(false);
        try {
            for (SearchParameter override : overrides) {
                SearchParameter existing = stored.remove(override.getIdElement().getIdPart());
                if (existing != null && sameEffect(existing, override)) {
                    unchanged++;
                } else {
                    searchParameters.update(override, new SystemRequestDetails());
                    written++;
                }
            }
            for (SearchParameter leftOver : stored.values()) {
                searchParameters.delete(leftOver.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
                deleted++;
            }
        } finally {
            storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(reindex);
        }
        if (written + deleted > 0) {
            registry.forceRefresh();
        }
        Outcome outcome = new Outcome(written, deleted, unchanged);
        log.info(
                "Built-in search parameters not indexed: {} overrides ({} written, {} deleted, {} unchanged)",
                overrides.size(),
                written,
                deleted,
                unchanged);
        return outcome;
    }

    private Map<String, SearchParameter> storedOverrides() {
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add("_tag", new TokenParam(SearchParameterCuts.TAG_SYSTEM, SearchParameterCuts.TAG_CODE));
        Map<String, SearchParameter> stored = new HashMap<>();
        for (IBaseResource resource :
                searchParameters.search(map, new SystemRequestDetails()).getAllResources()) {
            SearchParameter sp = (SearchParameter) resource;
            stored.put(sp.getIdElement().getIdPart(), sp);
        }
        return stored;
    }

    private static boolean sameEffect(SearchParameter a, SearchParameter b) {
        return a.getStatus() == b.getStatus()
                && Objects.equals(a.getUrl(), b.getUrl())
                && Objects.equals(a.getExpression(), b.getExpression())
                && a.getBase().stream()
                        .map(CodeType::getCode)
                        .sorted()
                        .toList()
                        .equals(b.getBase().stream()
                                .map(CodeType::getCode)
                                .sorted()
                                .toList());
    }
}
