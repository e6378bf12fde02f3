package org.transitionnet.ig.site;

import java.util.List;

/**
 * The few HTML building blocks the rendered IG needs: escaping, links and tables. Kept in one place so
 * that every page escapes what comes from the package the same way.
 */
final class Html {

    private Html() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String link(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    static String heading(int level, String text) {
        return "<h" + level + ">" + escape(text) + "</h" + level + ">\n";
    }

    static String paragraph(String escapedHtml) {
        return "<p>" + escapedHtml + "</p>\n";
    }

    /** A table; header cells are plain text, body cells are already HTML. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
        header.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(cell).append("</td>"));
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** A two-column table of names and values, leaving out empty values. */
    static String facts(List<String[]> nameValues) {
        StringBuilder out = new StringBuilder("<table class=\"facts\">\n<tbody>\n");
        for (String[] nv : nameValues) {
            if (nv[1] != null && !nv[1].isBlank()) {
                out.append("<tr><th>")
                        .append(escape(nv[0]))
                        .append("</th><td>")
                        .append(nv[1])
                        .append("</td></tr>\n");
            }
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    static String pre(String text) {
        return "<pre>" + escape(text) + "</pre>\n";
    }
}
