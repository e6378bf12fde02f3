package org.transitionnet.ig.site;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

/** Sections every resource page shares: the identifying facts of a definition and the resource's JSON. */
final class CommonSections {

    private CommonSections() {}

    /** A human label: the title or name of a definition, otherwise type and id. */
    static String label(Resource resource) {
        if (resource instanceof MetadataResource m) {
            if (m.hasTitle()) {
                return m.getTitle();
            }
            if (m.hasName()) {
                return m.getName();
            }
        }
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    /** The heading of a resource page, with its type. */
    static String heading(Resource resource) {
        return Html.heading(1, resource.fhirType() + ": " + label(resource));
    }

    /** Canonical URL, version, status and the rest of the common definition metadata; extra rows appended. */
    static String definitionFacts(Resource resource, List<String[]> extra) {
        List<String[]> rows = new ArrayList<>();
        if (resource instanceof MetadataResource m) {
            rows.add(new String[] {"Canonical URL", m.hasUrl() ? Html.code(m.getUrl()) : ""});
            rows.add(new String[] {"Version", Html.escape(m.getVersion())});
            rows.add(new String[] {"Name", Html.escape(m.getName())});
            rows.add(new String[] {
                "Status", m.hasStatus() ? Html.escape(m.getStatus().toCode()) : ""
            });
            rows.add(new String[] {"Publisher", Html.escape(m.getPublisher())});
        }
        rows.add(new String[] {"Id", Html.code(resource.getIdElement().getIdPart())});
        rows.addAll(extra);
        StringBuilder out = new StringBuilder(Html.facts(rows));
        if (resource instanceof MetadataResource m && m.hasDescription()) {
            out.append("<div class=\"description\">")
                    .append(Markdown.toHtml(m.getDescription()))
                    .append("</div>\n");
        }
        return out.toString();
    }

    /** The resource's JSON, folded. */
    static String json(Resource resource, RenderContext context) {
        return "<details><summary>JSON</summary>\n" + Html.pre(context.json(resource)) + "</details>\n";
    }
}
