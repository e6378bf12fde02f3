package org.transitionnet.ig.site;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;

/**
 * Renders the IG as static HTML from the built FHIR package and the Markdown pages: a home page, the
 * pages, an artifact index, one page per conformance resource and per example, and one stylesheet. Runs
 * in the Maven build; the server serves the result at {@code /ig/}.
 *
 * <p>Arguments: {@code --package=} (package.tgz), {@code --pages=} (directory of .md), {@code --out=}.
 */
public final class SiteGenerator {

    /** Page kinds in the order they are asked; the generic one accepts any resource. */
    private static final List<ResourcePage> RESOURCE_PAGES = List.of(
            new StructureDefinitionPage(),
            new CodeSystemPage(),
            new ValueSetPage(),
            new ConceptMapPage(),
            new OperationDefinitionPage(),
            new SearchParameterPage(),
            new GenericResourcePage());

    private static final ResourcePage EXAMPLE_PAGE = new ExamplePage();

    private final FhirContext ctx;

    public SiteGenerator(FhirContext ctx) {
        this.ctx = ctx;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        for (String required : List.of("package", "pages", "out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("Missing --" + required + "=");
            }
        }
        SiteGenerator generator = new SiteGenerator(FhirContext.forR4Cached());
        Map<String, String> site = generator.generate(Path.of(options.get("package")), Path.of(options.get("pages")));
        Path out = Path.of(options.get("out"));
        write(site, out);
        System.out.printf("Wrote the rendered IG (%d files) to %s%n", site.size(), out);
    }

    /** File name to content, for every file of the site. */
    public SortedMap<String, String> generate(Path packageTgz, Path pagesDir) throws IOException {
        PackageContents contents = PackageContents.read(packageTgz, ctx);
        List<MarkdownPages.Page> pages = new MarkdownPages().read(pagesDir);
        RenderContext context = new RenderContext(contents, new SiteLinks(contents), ctx);

        List<PageLayout.NavItem> navigation = new ArrayList<>();
        pages.forEach(p -> navigation.add(
                new PageLayout.NavItem(p.file(), p.source().equals(MarkdownPages.INDEX) ? "Home" : p.title())));
        if (pages.stream().noneMatch(p -> p.source().equals(MarkdownPages.INDEX))) {
            navigation.add(0, new PageLayout.NavItem("index.html", "Home"));
        }
        navigation.add(new PageLayout.NavItem(ArtifactsPage.FILE, "Artifacts"));
        PageLayout layout = new PageLayout(contents, navigation);

        SortedMap<String, String> site = new TreeMap<>();
        site.put(PageLayout.STYLESHEET, Stylesheet.CSS);
        boolean hasIndex = false;
        for (MarkdownPages.Page page : pages) {
            String body = Markdown.toHtml(page.markdown());
            if (page.source().equals(MarkdownPages.INDEX)) {
                hasIndex = true;
                body += Html.heading(2, "Artifacts") + ArtifactsPage.contentsList(contents);
            }
            site.put(page.file(), layout.page(page.file(), page.title(), body));
        }
        if (!hasIndex) {
            site.put(
                    "index.html",
                    layout.page(
                            "index.html",
                            contents.title(),
                            Html.heading(1, contents.title()) + ArtifactsPage.contentsList(contents)));
        }
        site.put(ArtifactsPage.FILE, layout.page(ArtifactsPage.FILE, "Artifacts", new ArtifactsPage().body(context)));
        for (Resource resource : contents.conformance()) {
            ResourcePage kind = pageFor(resource);
            put(site, layout, SiteLinks.fileOf(resource), kind.title(resource), kind.body(resource, context));
        }
        for (Resource example : contents.examples()) {
            put(
                    site,
                    layout,
                    SiteLinks.fileOf(example),
                    EXAMPLE_PAGE.title(example),
                    EXAMPLE_PAGE.body(example, context));
        }
        return site;
    }

    /** The page kind that renders a conformance resource: the first that accepts it. */
    static ResourcePage pageFor(Resource resource) {
        return RESOURCE_PAGES.stream()
                .filter(k -> k.renders(resource))
                .findFirst()
                .orElseThrow();
    }

    private static void put(Map<String, String> site, PageLayout layout, String file, String title, String body) {
        if (site.containsKey(file)) {
            throw new IllegalStateException("Two pages would both be " + file);
        }
        site.put(file, layout.page(file, title, body));
    }

    /** Replaces the directory's content with the site. */
    static void write(Map<String, String> site, Path out) throws IOException {
        if (Files.isDirectory(out)) {
            try (Stream<Path> old = Files.list(out)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(out);
        for (Map.Entry<String, String> file : site.entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue());
        }
    }
}
