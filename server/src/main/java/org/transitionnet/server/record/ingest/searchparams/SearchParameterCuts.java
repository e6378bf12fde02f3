package org.transitionnet.server.record.ingest.searchparams;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * The stored SearchParameters that switch built-in parameters off, through HAPI's own mechanism: a stored
 * SearchParameter with the URL of a built-in one replaces it in the search parameter registry, and a retired
 * one is dropped from it, so HAPI neither extracts index rows for it nor accepts it in a search (400).
 * A built-in parameter shared by several resource types (e.g. {@code clinical-date}) that only some governed
 * types cut keeps its other types: the override narrows its base instead of retiring it.
 * Parameters that place a resource in a patient's compartment are never cut.
 * Each override is a copy of the FHIR specification's definition, tagged {@link #TAG_SYSTEM}|{@link #TAG_CODE}
 * and stored with a stable id, so that a change of the list updates or deletes exactly these.
 */
public final class SearchParameterCuts {

    public static final String TAG_SYSTEM = "http://transitionnet.org/fhir/CodeSystem/server-tags";
    public static final String TAG_CODE = "index-cut";
    static final String ID_PREFIX = "tn-cut-";

    private final FhirContext fhirContext;

    public SearchParameterCuts(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The overrides the selection needs, ordered by id (empty when it governs no type). */
    public List<SearchParameter> overrides(IndexedSearchParameters selection) {
        List<SearchParameter> overrides = new ArrayList<>();
        for (SearchParameter builtIn : builtIns()) {
            List<CodeType> kept = new ArrayList<>();
            boolean cut = false;
            for (CodeType base : builtIn.getBase()) {
                if (selection.keeps(base.getCode(), builtIn.getCode())
                        || placesInPatientCompartment(base.getCode(), builtIn.getCode())) {
                    kept.add(base.copy());
                } else {
                    cut = true;
                }
            }
            if (cut) {
                overrides.add(override(builtIn, kept));
            }
        }
        overrides.sort(Comparator.comparing(sp -> sp.getIdElement().getIdPart()));
        return overrides;
    }

    private SearchParameter override(SearchParameter builtIn, List<CodeType> keptBases) {
        SearchParameter override = builtIn.copy();
        override.setId(idFor(builtIn));
        override.setMeta(null);
        override.setText(null);
        override.getMeta().addTag(TAG_SYSTEM, TAG_CODE, "Built-in search parameter not indexed by this server");
        if (keptBases.isEmpty()) {
            override.setStatus(PublicationStatus.RETIRED);
        } else {
            override.setStatus(PublicationStatus.ACTIVE);
            override.setBase(keptBases);
        }
        return override;
    }

    /**
     * Parameters that put a resource into a patient's compartment stay, whatever the list says: SMART patient
     * scopes narrow searches and check reads with them.
     */
    private boolean placesInPatientCompartment(String resourceType, String code) {
        RuntimeSearchParam param;
        try {
            param = fhirContext.getResourceDefinition(resourceType).getSearchParam(code);
        } catch (RuntimeException e) {
            return false;
        }
        return param != null
                && param.getProvidesMembershipInCompartments() != null
                && param.getProvidesMembershipInCompartments().contains("Patient");
    }

    /** A stable id within FHIR's 64 characters, derived from the built-in's own id. */
    static String idFor(SearchParameter builtIn) {
        String id = ID_PREFIX + builtIn.getIdElement().getIdPart().replaceAll("[^A-Za-z0-9.-]", "-");
        return id.length() <= 64 ? id : id.substring(0, 55) + "-" + Integer.toHexString(id.hashCode() & 0xfffffff);
    }

    @SuppressWarnings("unchecked")
    private List<SearchParameter> builtIns() {
        List<SearchParameter> all = new ArrayList<>();
        for (Object resource : fhirContext.getValidationSupport().fetchAllSearchParameters()) {
            if (resource instanceof SearchParameter sp && sp.getUrl() != null && sp.hasBase() && sp.getCode() != null) {
                all.add(sp);
            }
        }
        return all;
    }
}
