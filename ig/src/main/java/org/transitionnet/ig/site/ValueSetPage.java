package org.transitionnet.ig.site;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;

/** A value set: what it includes and excludes (systems, listed codes, filters, other value sets). */
final class ValueSetPage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return resource instanceof ValueSet;
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        ValueSet vs = (ValueSet) resource;
        StringBuilder out = new StringBuilder(CommonSections.heading(vs));
        out.append(CommonSections.definitionFacts(vs, List.of()));
        out.append(Html.heading(2, "Logical definition"));
        List<List<String>> rows = new ArrayList<>();
        vs.getCompose().getInclude().forEach(i -> rows.add(row("include", i, context.links())));
        vs.getCompose().getExclude().forEach(i -> rows.add(row("exclude", i, context.links())));
        out.append(Html.table(List.of("Rule", "System", "Codes", "Filters", "Value sets"), rows));
        if (vs.hasExpansion()) {
            out.append(Html.heading(2, "Expansion"));
            out.append(Html.table(
                    List.of("System", "Code", "Display"),
                    vs.getExpansion().getContains().stream()
                            .map(c -> List.of(
                                    Html.code(c.getSystem()), Html.code(c.getCode()), Html.escape(c.getDisplay())))
                            .toList()));
        }
        out.append(CommonSections.json(vs, context));
        return out.toString();
    }

    private static List<String> row(String rule, ConceptSetComponent set, SiteLinks links) {
        String system = set.hasSystem()
                ? links.canonical(set.getSystem()) + (set.hasVersion() ? " " + Html.escape(set.getVersion()) : "")
                : "";
        String codes = set.hasConcept()
                ? set.getConcept().stream()
                        .map(c -> Html.code(c.getCode()) + (c.hasDisplay() ? " " + Html.escape(c.getDisplay()) : ""))
                        .collect(Collectors.joining("<br>"))
                : (set.hasSystem() && !set.hasFilter() ? "all codes" : "");
        String filters = set.getFilter().stream()
                .map(f ->
                        Html.code(f.getProperty() + " " + (f.hasOp() ? f.getOp().toCode() : "") + " " + f.getValue()))
                .collect(Collectors.joining("<br>"));
        String valueSets = set.getValueSet().stream()
                .map(v -> links.canonical(v.getValue()))
                .collect(Collectors.joining("<br>"));
        return List.of(rule, system, codes, filters, valueSets);
    }
}
