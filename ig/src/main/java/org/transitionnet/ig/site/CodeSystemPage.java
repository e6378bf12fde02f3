package org.transitionnet.ig.site;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Resource;

/** A code system with every concept (indented by hierarchy), its definition and properties. */
final class CodeSystemPage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return resource instanceof CodeSystem;
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        CodeSystem cs = (CodeSystem) resource;
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {
            "Content", cs.hasContent() ? Html.escape(cs.getContent().toCode()) : ""
        });
        facts.add(new String[] {"Case sensitive", cs.hasCaseSensitive() ? String.valueOf(cs.getCaseSensitive()) : ""});
        facts.add(new String[] {
            "Hierarchy",
            cs.hasHierarchyMeaning() ? Html.escape(cs.getHierarchyMeaning().toCode()) : ""
        });
        facts.add(new String[] {"All codes", cs.hasValueSet() ? context.links().canonical(cs.getValueSet()) : ""});
        StringBuilder out = new StringBuilder(CommonSections.heading(cs));
        out.append(CommonSections.definitionFacts(cs, facts));
        if (cs.hasProperty()) {
            out.append(Html.heading(2, "Properties"));
            out.append(Html.table(
                    List.of("Code", "Type", "Description"),
                    cs.getProperty().stream()
                            .map(p -> List.of(
                                    Html.code(p.getCode()),
                                    Html.escape(p.hasType() ? p.getType().toCode() : ""),
                                    Html.escape(p.getDescription())))
                            .toList()));
        }
        out.append(Html.heading(2, "Concepts"));
        List<List<String>> rows = new ArrayList<>();
        addConcepts(cs.getConcept(), 0, rows);
        out.append(Html.paragraph(rows.size() + " concepts."));
        out.append(Html.table(List.of("Code", "Display", "Definition", "Properties"), rows));
        out.append(CommonSections.json(cs, context));
        return out.toString();
    }

    private static void addConcepts(List<ConceptDefinitionComponent> concepts, int depth, List<List<String>> rows) {
        for (ConceptDefinitionComponent c : concepts) {
            String indent = "&nbsp;&nbsp;".repeat(depth);
            String properties = c.getProperty().stream()
                    .map(p -> Html.escape(p.getCode() + " = " + p.getValue().primitiveValue()))
                    .collect(Collectors.joining("<br>"));
            rows.add(List.of(
                    indent + Html.code(c.getCode()),
                    Html.escape(c.getDisplay()),
                    Html.escape(c.getDefinition()),
                    properties));
            addConcepts(c.getConcept(), depth + 1, rows);
        }
    }
}
