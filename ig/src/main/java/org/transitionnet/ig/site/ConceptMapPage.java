package org.transitionnet.ig.site;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/** A concept map: one table per source/target system pair, one row per mapping. */
final class ConceptMapPage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return resource instanceof ConceptMap;
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        ConceptMap cm = (ConceptMap) resource;
        SiteLinks links = context.links();
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Source scope", scope(cm.getSource(), links)});
        facts.add(new String[] {"Target scope", scope(cm.getTarget(), links)});
        StringBuilder out = new StringBuilder(CommonSections.heading(cm));
        out.append(CommonSections.definitionFacts(cm, facts));
        for (ConceptMapGroupComponent group : cm.getGroup()) {
            out.append("<h2>")
                    .append(links.canonical(group.getSource()))
                    .append(" &rarr; ")
                    .append(links.canonical(group.getTarget()))
                    .append("</h2>\n");
            List<List<String>> rows = new ArrayList<>();
            group.getElement()
                    .forEach(e -> e.getTarget()
                            .forEach(t -> rows.add(List.of(
                                    Html.code(e.getCode()),
                                    Html.escape(e.getDisplay()),
                                    Html.escape(
                                            t.hasEquivalence()
                                                    ? t.getEquivalence().toCode()
                                                    : ""),
                                    Html.code(t.getCode()),
                                    Html.escape(t.getDisplay()),
                                    Html.escape(t.getComment())))));
            out.append(Html.table(
                    List.of("Source code", "Source display", "Equivalence", "Target code", "Target display", "Comment"),
                    rows));
        }
        out.append(CommonSections.json(cm, context));
        return out.toString();
    }

    private static String scope(Type scope, SiteLinks links) {
        return scope == null || scope.isEmpty() ? "" : links.canonical(scope.primitiveValue());
    }
}
