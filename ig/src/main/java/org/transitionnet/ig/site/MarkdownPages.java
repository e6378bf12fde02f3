package org.transitionnet.ig.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hand-written pages ({@code ig/pages/*.md}). {@code index.md} is the home page; the others follow in
 * the order the home page links them, then any it does not link, by name.
 */
final class MarkdownPages {

    static final String INDEX = "index.md";
    private static final Pattern PAGE_LINK = Pattern.compile("\\]\\(([A-Za-z0-9._-]+)\\.md[)#]");

    /** One page: its Markdown file name, its HTML file name, its title and its source. */
    record Page(String source, String file, String title, String markdown) {}

    List<Page> read(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
        List<Page> pages = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String markdown = Files.readString(file);
            String base = name.substring(0, name.length() - 3);
            pages.add(new Page(name, base + ".html", Markdown.title(markdown, base), markdown));
        }
        List<String> order = pages.stream()
                .filter(p -> p.source().equals(INDEX))
                .findFirst()
                .map(index -> linkOrder(index.markdown()))
                .orElse(List.of());
        pages.sort(Comparator.comparing((Page p) -> !p.source().equals(INDEX))
                .thenComparing(p -> order.contains(p.source()) ? order.indexOf(p.source()) : Integer.MAX_VALUE)
                .thenComparing(Page::source));
        return pages;
    }

    private static List<String> linkOrder(String markdown) {
        List<String> order = new ArrayList<>();
        Matcher m = PAGE_LINK.matcher(markdown);
        while (m.find()) {
            String target = m.group(1) + ".md";
            if (!order.contains(target)) {
                order.add(target);
            }
        }
        return order;
    }
}
