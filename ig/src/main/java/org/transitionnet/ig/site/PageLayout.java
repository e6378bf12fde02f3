package org.transitionnet.ig.site;

import java.util.List;

/**
 * The frame of every page: title, navigation, one local stylesheet and the footer with the IG's
 * research disclaimer. No scripts and nothing loaded from the network.
 */
final class PageLayout {

    static final String STYLESHEET = "style.css";

    static final String DISCLAIMER = "Derived transitions are observational, non-randomized research data. "
            + "They are not medical advice and must not be used to make decisions about an individual patient's care.";

    /** A navigation entry: target file and label. */
    record NavItem(String href, String label) {}

    private final PackageContents contents;
    private final List<NavItem> navigation;

    PageLayout(PackageContents contents, List<NavItem> navigation) {
        this.contents = contents;
        this.navigation = List.copyOf(navigation);
    }

    String page(String fileName, String title, String body) {
        StringBuilder nav = new StringBuilder("<nav><ul>\n");
        for (NavItem item : navigation) {
            String current = item.href().equals(fileName) ? " class=\"current\"" : "";
            nav.append("<li")
                    .append(current)
                    .append('>')
                    .append(Html.link(item.href(), item.label()))
                    .append("</li>\n");
        }
        nav.append("</ul></nav>\n");
        String identity = contents.name() + "#" + contents.version();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + " - " + Html.escape(contents.title()) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + STYLESHEET + "\">\n</head>\n<body>\n"
                + "<header><a class=\"home\" href=\"index.html\">" + Html.escape(contents.title()) + "</a> "
                + "<span class=\"version\">" + Html.escape(identity) + "</span></header>\n"
                + nav
                + "<main>\n" + body + "</main>\n"
                + "<footer>\n<p class=\"disclaimer\">" + Html.escape(DISCLAIMER) + "</p>\n"
                + "<p>Package " + Html.code(identity) + ", canonical " + Html.code(contents.canonical())
                + ", FHIR R4 (4.0.1).</p>\n</footer>\n</body>\n</html>\n";
    }
}
