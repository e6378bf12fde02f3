package org.transitionnet.server.record.patient;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Every patient id, page by page in id order, so that selecting a whole population for a job holds
 * one page in memory, not the population. Pages are read with offset paging; a patient created
 * while the pages are read may fall on either side of a page boundary, which jobs tolerate (the
 * incremental path picks up new patients anyway).
 */
public final class PatientIdPages {

    private final DaoRegistry daos;
    private final int pageSize;

    public PatientIdPages(DaoRegistry daos, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        this.daos = daos;
        this.pageSize = pageSize;
    }

    /** Calls the consumer with each non-empty page; returns how many ids there were. */
    public long forEachPage(Consumer<List<String>> page) {
        long total = 0;
        List<String> previous = List.of();
        for (int offset = 0; ; offset += pageSize) {
            SearchParameterMap map = SearchParameterMap.newSynchronous();
            map.setSort(new SortSpec("_id"));
            map.setOffset(offset);
            // A synchronous search is bounded by loadSynchronousUpTo, not by the count alone.
            map.setCount(pageSize);
            map.setLoadSynchronousUpTo(pageSize);
            List<String> ids = new ArrayList<>();
            for (IIdType id :
                    daos.getResourceDao(Patient.class).searchForResourceIds(map, new SystemRequestDetails())) {
                if (ids.size() == pageSize) {
                    break;
                }
                ids.add(id.getIdPart());
            }
            if (!ids.isEmpty() && ids.equals(previous)) {
                // Offset not honoured: stop rather than hand out the same patients forever.
                throw new IllegalStateException("Patient id paging returned page at offset " + offset + " twice");
            }
            previous = ids;
            if (!ids.isEmpty()) {
                page.accept(ids);
                total += ids.size();
            }
            if (ids.size() < pageSize) {
                return total;
            }
        }
    }
}
