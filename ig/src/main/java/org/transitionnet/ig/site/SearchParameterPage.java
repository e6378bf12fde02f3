package org.transitionnet.ig.site;

import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;

/** A search parameter: its code, the resources it applies to, its type and FHIRPath expression. */
final class SearchParameterPage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return resource instanceof SearchParameter;
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        SearchParameter sp = (SearchParameter) resource;
        List<String[]> facts = List.of(
                new String[] {"Code", Html.code(sp.getCode())},
                new String[] {"Base", codes(sp.getBase())},
                new String[] {"Type", sp.hasType() ? Html.escape(sp.getType().toCode()) : ""},
                new String[] {"Expression", sp.hasExpression() ? Html.code(sp.getExpression()) : ""},
                new String[] {"XPath", sp.hasXpath() ? Html.code(sp.getXpath()) : ""},
                new String[] {"Targets", codes(sp.getTarget())},
                new String[] {
                    "Comparators",
                    sp.getComparator().stream().map(Enumeration::getCode).collect(Collectors.joining(", "))
                },
                new String[] {
                    "Modifiers",
                    sp.getModifier().stream().map(Enumeration::getCode).collect(Collectors.joining(", "))
                },
                new String[] {
                    "Derived from", sp.hasDerivedFrom() ? context.links().canonical(sp.getDerivedFrom()) : ""
                });
        return CommonSections.heading(sp)
                + CommonSections.definitionFacts(sp, facts)
                + CommonSections.json(sp, context);
    }

    private static String codes(List<? extends org.hl7.fhir.r4.model.PrimitiveType<?>> values) {
        return values.stream().map(v -> Html.escape(v.getValueAsString())).collect(Collectors.joining(", "));
    }
}
