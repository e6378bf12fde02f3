package org.transitionnet.ig.site;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown (CommonMark with GitHub tables) to HTML for the IG pages and the descriptions of resources.
 * Links between pages are written as {@code page.md} in the sources, so they work on a Git host too;
 * here they become {@code page.html}.
 */
final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().extensions(EXTENSIONS).build();

    private Markdown() {}

    static String toHtml(String markdown) {
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                link.setDestination(pageLink(link.getDestination()));
                visitChildren(link);
            }
        });
        return RENDERER.render(document);
    }

    /** {@code safety.md} or {@code safety.md#anchor} becomes {@code safety.html...}; other links stay. */
    static String pageLink(String destination) {
        if (destination.contains("://") || destination.startsWith("mailto:")) {
            return destination;
        }
        int hash = destination.indexOf('#');
        String path = hash < 0 ? destination : destination.substring(0, hash);
        String anchor = hash < 0 ? "" : destination.substring(hash);
        return path.endsWith(".md") ? path.substring(0, path.length() - 3) + ".html" + anchor : destination;
    }

    /** The text of the first level-one heading, or the fallback. */
    static String title(String markdown, String fallback) {
        for (String line : markdown.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).trim();
            }
        }
        return fallback;
    }
}
