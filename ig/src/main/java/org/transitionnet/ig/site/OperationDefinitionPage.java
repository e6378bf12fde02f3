package org.transitionnet.ig.site;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.Resource;

/** An operation: where it is invoked, and its input and output parameters (parts indented under them). */
final class OperationDefinitionPage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return resource instanceof OperationDefinition;
    }

    @Override
    public String title(Resource resource) {
        OperationDefinition od = (OperationDefinition) resource;
        return "$" + od.getCode() + " (" + CommonSections.label(od) + ")";
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        OperationDefinition od = (OperationDefinition) resource;
        SiteLinks links = context.links();
        List<String> levels = new ArrayList<>();
        if (od.getSystem()) {
            levels.add("system");
        }
        if (od.getType()) {
            levels.add("type");
        }
        if (od.getInstance()) {
            levels.add("instance");
        }
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Code", Html.code("$" + od.getCode())});
        facts.add(new String[] {"Kind", od.hasKind() ? Html.escape(od.getKind().toCode()) : ""});
        facts.add(new String[] {
            "Resources",
            od.getResource().stream().map(r -> Html.escape(r.getValue())).collect(Collectors.joining(", "))
        });
        facts.add(new String[] {"Invoked at", Html.escape(String.join(", ", levels))});
        facts.add(new String[] {"Changes state", od.hasAffectsState() ? (od.getAffectsState() ? "yes" : "no") : ""});
        facts.add(new String[] {"Base", od.hasBase() ? links.canonical(od.getBase()) : ""});
        facts.add(new String[] {"Input profile", od.hasInputProfile() ? links.canonical(od.getInputProfile()) : ""});
        facts.add(new String[] {"Output profile", od.hasOutputProfile() ? links.canonical(od.getOutputProfile()) : ""});
        StringBuilder out = new StringBuilder(Html.heading(1, "OperationDefinition: " + title(od)));
        out.append(CommonSections.definitionFacts(od, facts));
        if (od.hasComment()) {
            out.append(Markdown.toHtml(od.getComment()));
        }
        out.append(Html.heading(2, "Parameters"));
        List<List<String>> rows = new ArrayList<>();
        addParameters(od.getParameter(), 0, links, rows);
        out.append(
                rows.isEmpty()
                        ? Html.paragraph("No parameters.")
                        : Html.table(List.of("Name", "Use", "Card.", "Type", "Binding", "Documentation"), rows));
        out.append(CommonSections.json(od, context));
        return out.toString();
    }

    private static void addParameters(
            List<OperationDefinitionParameterComponent> parameters,
            int depth,
            SiteLinks links,
            List<List<String>> rows) {
        for (OperationDefinitionParameterComponent p : parameters) {
            String type = Html.escape(p.getType());
            if (p.hasSearchType()) {
                type += " (search: " + Html.escape(p.getSearchType().toCode()) + ")";
            }
            if (p.hasTargetProfile()) {
                type += " &rarr; "
                        + p.getTargetProfile().stream()
                                .map(t -> links.canonicalShort(t.getValue()))
                                .collect(Collectors.joining(" | "));
            }
            String binding = p.hasBinding()
                    ? links.canonicalShort(p.getBinding().getValueSet()) + " ("
                            + Html.escape(
                                    p.getBinding().hasStrength()
                                            ? p.getBinding().getStrength().toCode()
                                            : "") + ")"
                    : "";
            rows.add(List.of(
                    "&nbsp;&nbsp;".repeat(depth) + Html.code(p.getName()),
                    Html.escape(p.hasUse() ? p.getUse().toCode() : ""),
                    Html.escape(p.getMin() + ".." + p.getMax()),
                    type,
                    binding,
                    Markdown.toHtml(p.getDocumentation())));
            addParameters(p.getPart(), depth + 1, links, rows);
        }
    }
}
