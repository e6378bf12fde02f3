package org.transitionnet.ig.site;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where each resource of the package is rendered, and how a canonical URL or a reference of the package
 * becomes a link: a page of the site when the package holds the target, plain text otherwise (the site
 * links to nothing it did not generate, except explicit external URLs).
 */
final class SiteLinks {

    private final Map<String, String> byCanonical = new HashMap<>();
    private final Map<String, String> byReference = new HashMap<>();

    SiteLinks(PackageContents contents) {
        for (Resource r : contents.all()) {
            byReference.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), fileOf(r));
            if (r instanceof MetadataResource m
                    && m.hasUrl()
                    && contents.conformance().contains(r)) {
                byCanonical.put(m.getUrl(), fileOf(r));
            }
        }
    }

    static String fileOf(Resource r) {
        return r.fhirType() + "-" + r.getIdElement().getIdPart() + ".html";
    }

    Optional<String> fileOfCanonical(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        int bar = canonical.indexOf('|');
        return Optional.ofNullable(byCanonical.get(bar < 0 ? canonical : canonical.substring(0, bar)));
    }

    Optional<String> fileOfReference(String reference) {
        return Optional.ofNullable(reference).map(byReference::get);
    }

    /** A canonical as a link to its page, or as code when the package does not hold it. */
    String canonical(String canonical) {
        return fileOfCanonical(canonical)
                .map(file -> Html.link(file, canonical))
                .orElse(Html.code(canonical));
    }

    /** Like {@link #canonical} but labelled with a short name (the last path segment). */
    String canonicalShort(String canonical) {
        String label = canonical.substring(canonical.lastIndexOf('/') + 1);
        return fileOfCanonical(canonical).map(file -> Html.link(file, label)).orElse(Html.escape(label));
    }
}
