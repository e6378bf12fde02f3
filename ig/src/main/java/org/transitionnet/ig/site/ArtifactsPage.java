package org.transitionnet.ig.site;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

/** The index of everything in the package: one section per {@link ArtifactKind}, then the examples. */
final class ArtifactsPage {

    static final String FILE = "artifacts.html";
    static final String EXAMPLES_ANCHOR = "examples";
    private static final int SUMMARY_LENGTH = 240;

    String body(RenderContext context) {
        PackageContents contents = context.contents();
        StringBuilder out = new StringBuilder(Html.heading(1, "Artifacts"));
        out.append(Html.paragraph("Everything in the package " + Html.code(contents.name() + "#" + contents.version())
                + ", as published."));
        out.append(contentsList(contents));
        for (ArtifactKind kind : ArtifactKind.values()) {
            List<Resource> members = kind.members(contents.conformance());
            if (members.isEmpty()) {
                continue;
            }
            out.append("<h2 id=\"")
                    .append(kind.anchor())
                    .append("\">")
                    .append(Html.escape(kind.title()))
                    .append("</h2>\n");
            out.append(Html.table(
                    List.of("Name", "Type", "Summary"),
                    members.stream()
                            .map(r -> List.of(
                                    Html.link(SiteLinks.fileOf(r), pageTitle(r)),
                                    Html.escape(r.fhirType()),
                                    Html.escape(summary(r))))
                            .toList()));
        }
        if (!contents.examples().isEmpty()) {
            out.append("<h2 id=\"" + EXAMPLES_ANCHOR + "\">Examples</h2>\n");
            out.append(Html.table(
                    List.of("Example", "Conforms to"),
                    contents.examples().stream()
                            .map(e -> List.of(
                                    Html.link(
                                            SiteLinks.fileOf(e),
                                            e.fhirType() + "/"
                                                    + e.getIdElement().getIdPart()),
                                    e.getMeta().getProfile().stream()
                                            .map(p -> context.links().canonicalShort(p.getValue()))
                                            .collect(Collectors.joining(", "))))
                            .toList()));
        }
        return out.toString();
    }

    /** Links to the non-empty sections, with their sizes; also shown on the home page. */
    static String contentsList(PackageContents contents) {
        List<String> items = new ArrayList<>();
        for (ArtifactKind kind : ArtifactKind.values()) {
            int size = kind.members(contents.conformance()).size();
            if (size > 0) {
                items.add(Html.link(FILE + "#" + kind.anchor(), kind.title()) + " (" + size + ")");
            }
        }
        if (!contents.examples().isEmpty()) {
            items.add(Html.link(FILE + "#" + EXAMPLES_ANCHOR, "Examples") + " ("
                    + contents.examples().size() + ")");
        }
        return "<ul class=\"contents\">\n"
                + items.stream().map(i -> "<li>" + i + "</li>\n").collect(Collectors.joining()) + "</ul>\n";
    }

    static String pageTitle(Resource r) {
        return r.fhirType().equals("OperationDefinition")
                ? new OperationDefinitionPage().title(r)
                : CommonSections.label(r);
    }

    private static String summary(Resource r) {
        if (!(r instanceof MetadataResource m) || !m.hasDescription()) {
            return "";
        }
        String text = m.getDescription().replaceAll("\\s+", " ").trim();
        return text.length() <= SUMMARY_LENGTH ? text : text.substring(0, SUMMARY_LENGTH - 1) + "\u2026";
    }
}
