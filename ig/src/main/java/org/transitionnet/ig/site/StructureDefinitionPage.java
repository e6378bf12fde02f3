package org.transitionnet.ig.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.TypeRefComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * A profile, extension or logical model: what it constrains (the differential, one row per element) and
 * what the result requires (a summary of the snapshot), its invariants and the examples that claim it.
 */
final class StructureDefinitionPage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return resource instanceof StructureDefinition;
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        StructureDefinition sd = (StructureDefinition) resource;
        SiteLinks links = context.links();
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Kind", Html.escape(sd.hasKind() ? sd.getKind().toCode() : "")});
        facts.add(new String[] {"Type", Html.code(sd.getType())});
        facts.add(new String[] {"Base definition", sd.hasBaseDefinition() ? links.canonical(sd.getBaseDefinition()) : ""
        });
        facts.add(new String[] {
            "Derivation", sd.hasDerivation() ? Html.escape(sd.getDerivation().toCode()) : ""
        });
        facts.add(new String[] {"Abstract", sd.getAbstract() ? "yes" : ""});
        facts.add(new String[] {
            "Context",
            sd.getContext().stream()
                    .map(c -> Html.code(c.getExpression()) + " ("
                            + Html.escape(c.hasType() ? c.getType().toCode() : "") + ")")
                    .collect(Collectors.joining(", "))
        });
        StringBuilder out = new StringBuilder(CommonSections.heading(sd));
        out.append(CommonSections.definitionFacts(sd, facts));

        Map<String, ElementDefinition> snapshotById = sd.getSnapshot().getElement().stream()
                .filter(ElementDefinition::hasId)
                .collect(Collectors.toMap(ElementDefinition::getId, Function.identity(), (a, b) -> a));
        out.append(Html.heading(2, "Differential"));
        out.append(Html.paragraph("What this " + Html.escape(kindWord(sd)) + " changes relative to its base ("
                + sd.getDifferential().getElement().size() + " elements)."));
        List<List<String>> rows = new ArrayList<>();
        for (ElementDefinition e : sd.getDifferential().getElement()) {
            ElementDefinition full = e.hasId() ? snapshotById.getOrDefault(e.getId(), e) : e;
            rows.add(List.of(
                    pathCell(e),
                    cardinality(e, full),
                    types(e, links),
                    fixedOrPattern(e, context),
                    binding(e, links),
                    shortAndFlags(e)));
        }
        out.append(Html.table(List.of("Element", "Card.", "Type", "Fixed / pattern", "Binding", "Description"), rows));

        List<ElementDefinition.ElementDefinitionConstraintComponent> invariants =
                sd.getDifferential().getElement().stream()
                        .flatMap(e -> e.getConstraint().stream())
                        .toList();
        if (!invariants.isEmpty()) {
            out.append(Html.heading(2, "Invariants"));
            out.append(Html.table(
                    List.of("Key", "Severity", "Rule", "Expression"),
                    invariants.stream()
                            .map(c -> List.of(
                                    Html.code(c.getKey()),
                                    Html.escape(
                                            c.hasSeverity() ? c.getSeverity().toCode() : ""),
                                    Html.escape(c.getHuman()),
                                    Html.code(c.getExpression())))
                            .toList()));
        }

        out.append(snapshotSummary(sd, links));

        List<Resource> examples = context.examplesOf(sd.getUrl());
        if (!examples.isEmpty()) {
            out.append(Html.heading(2, "Examples"));
            out.append("<ul>\n");
            examples.forEach(e -> out.append("<li>")
                    .append(Html.link(SiteLinks.fileOf(e), CommonSections.label(e)))
                    .append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append(CommonSections.json(sd, context));
        return out.toString();
    }

    private static String kindWord(StructureDefinition sd) {
        if ("Extension".equals(sd.getType())
                && sd.getDerivation() == StructureDefinition.TypeDerivationRule.CONSTRAINT) {
            return "extension";
        }
        return sd.getKind() == StructureDefinition.StructureDefinitionKind.LOGICAL ? "logical model" : "profile";
    }

    /** The elements a conforming instance must have or a system must support, from the snapshot. */
    private static String snapshotSummary(StructureDefinition sd, SiteLinks links) {
        List<ElementDefinition> snapshot = sd.getSnapshot().getElement();
        StringBuilder out = new StringBuilder(Html.heading(2, "Snapshot summary"));
        if (snapshot.isEmpty()) {
            return out.append(Html.paragraph("The package holds no snapshot for this definition."))
                    .toString();
        }
        List<ElementDefinition> key = snapshot.stream()
                .skip(1)
                .filter(e -> e.getMin() > 0 || e.getMustSupport() || e.hasFixed() || e.hasPattern() || e.hasSliceName())
                .toList();
        long mandatory = snapshot.stream().skip(1).filter(e -> e.getMin() > 0).count();
        long mustSupport =
                snapshot.stream().filter(ElementDefinition::getMustSupport).count();
        out.append(Html.paragraph(snapshot.size() + " elements in the snapshot; " + mandatory + " mandatory, "
                + mustSupport + " must-support. Mandatory, must-support, fixed and sliced elements:"));
        List<List<String>> rows = new ArrayList<>();
        for (ElementDefinition e : key) {
            List<String> flags = new ArrayList<>();
            if (e.getMin() > 0) {
                flags.add("mandatory");
            }
            if (e.getMustSupport()) {
                flags.add("must-support");
            }
            if (e.hasFixed() || e.hasPattern()) {
                flags.add(e.hasFixed() ? "fixed" : "pattern");
            }
            if (e.hasSliceName()) {
                flags.add("slice");
            }
            rows.add(List.of(
                    pathCell(e),
                    e.getMin() + ".." + e.getMax(),
                    types(e, links),
                    Html.escape(String.join(", ", flags))));
        }
        return out.append(Html.table(List.of("Element", "Card.", "Type", "Flags"), rows))
                .toString();
    }

    /** The element id (path with the slice names on the way), which tells elements of different slices apart. */
    private static String pathCell(ElementDefinition e) {
        String path = e.hasId() ? e.getId() : e.getPath() + (e.hasSliceName() ? ":" + e.getSliceName() : "");
        return "<span class=\"path\">" + Html.code(path) + "</span>";
    }

    private static String cardinality(ElementDefinition e, ElementDefinition full) {
        if (!e.hasMin() && !e.hasMax()) {
            return full == e
                    ? ""
                    : "<span title=\"from the snapshot\">" + full.getMin() + ".." + full.getMax() + "</span>";
        }
        String min = e.hasMin() ? String.valueOf(e.getMin()) : String.valueOf(full.getMin());
        String max = e.hasMax() ? e.getMax() : full.getMax();
        return Html.escape(min + ".." + max);
    }

    static String types(ElementDefinition e, SiteLinks links) {
        List<String> out = new ArrayList<>();
        for (TypeRefComponent t : e.getType()) {
            StringBuilder cell = new StringBuilder(Html.escape(t.getCode()));
            if (t.hasProfile()) {
                cell.append(" (")
                        .append(t.getProfile().stream()
                                .map(p -> links.canonicalShort(p.getValue()))
                                .collect(Collectors.joining(", ")))
                        .append(')');
            }
            if (t.hasTargetProfile()) {
                cell.append(" &rarr; ")
                        .append(t.getTargetProfile().stream()
                                .map(p -> links.canonicalShort(p.getValue()))
                                .collect(Collectors.joining(" | ")));
            }
            out.add(cell.toString());
        }
        return String.join("<br>", out);
    }

    private static String fixedOrPattern(ElementDefinition e, RenderContext context) {
        if (e.hasFixed()) {
            return "fixed: " + Html.code(context.valueText(e.getFixed()));
        }
        if (e.hasPattern()) {
            return "pattern: " + Html.code(context.valueText(e.getPattern()));
        }
        return "";
    }

    static String binding(ElementDefinition e, SiteLinks links) {
        if (!e.hasBinding()) {
            return "";
        }
        ElementDefinition.ElementDefinitionBindingComponent b = e.getBinding();
        String strength = b.hasStrength() ? b.getStrength().toCode() : "";
        return b.hasValueSet()
                ? links.canonicalShort(b.getValueSet()) + " (" + Html.escape(strength) + ")"
                : Html.escape(strength);
    }

    private static String shortAndFlags(ElementDefinition e) {
        StringBuilder out = new StringBuilder(Html.escape(e.getShort()));
        if (e.getMustSupport()) {
            out.append("<span class=\"flag\" title=\"must support\">MS</span>");
        }
        if (e.hasSlicing()) {
            out.append(" <em>sliced by ")
                    .append(Html.escape(e.getSlicing().getDiscriminator().stream()
                            .map(d -> d.getType().toCode() + ":" + d.getPath())
                            .collect(Collectors.joining(", "))))
                    .append("</em>");
        }
        return out.toString();
    }
}
