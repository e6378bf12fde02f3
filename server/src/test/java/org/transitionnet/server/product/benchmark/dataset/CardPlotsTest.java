package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.HBA1C;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.LDL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The card's plots show what the card releases and nothing more: boxes and shares proportional to the card's
 * numbers, no held_out row even when a card carried one, no row for a split of fewer than k records and no plot
 * at all when every split shows counts only; titled, described, axes with units; well-formed and escaped; and made
 * only of the elements and attributes the benchmark page copies into itself.
 */
class CardPlotsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A card of one task, with the splits' statistics as the card writes them. */
    private static JsonNode card(String train, String tuning, String heldOut) throws Exception {
        return JSON.readTree("""
                {"tasks": [{"id": "t<1>", "targetVariable": "hba1c", "changeUnit": "%%",
                  "splits": {"train": %s, "tuning": %s, "held_out": %s}}]}
                """.formatted(train, tuning, heldOut));
    }

    private static String released(String baseline, String direction) {
        return """
                {"records": 8, "subjects": 8, "labelsReleased": true, "baseline": %s, "change": %s,
                 "followUpDays": {"n": 8, "mean": 100, "q1": 90, "median": 100, "q3": 110},
                 "direction": %s}
                """.formatted(baseline, baseline, direction);
    }

    private static final String HELD_OUT_COUNTS =
            "{\"records\": 3, \"subjects\": 3, \"labelsReleased\": false, \"statistics\": \"held-out split: counts only\"}";

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element panel(Document d, String variable) {
        NodeList groups = d.getElementsByTagNameNS(CardPlots.NS, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if ("panel".equals(g.getAttribute("class")) && variable.equals(g.getAttribute("data-variable"))) {
                return g;
            }
        }
        throw new AssertionError("no panel " + variable);
    }

    private static List<Element> elements(Element parent, String name, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS(CardPlots.NS, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (cls == null || cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> splits(Element panel) {
        return elements(panel, "g", "split").stream()
                .map(g -> g.getAttribute("data-split"))
                .toList();
    }

    private static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    @Test
    void boxesAndSharesAreProportionalToTheCardsNumbers() throws Exception {
        JsonNode card = card(
                released(
                        "{\"n\": 8, \"mean\": 3, \"sd\": 1, \"q1\": 2, \"median\": 3, \"q3\": 4}",
                        "{\"improved\": {\"count\": 4, \"fraction\": 0.5}, \"unchanged\": {\"count\": 2, "
                                + "\"fraction\": 0.25}, \"worsened\": {\"count\": 2, \"fraction\": 0.25}}"),
                released(
                        "{\"n\": 8, \"mean\": 5, \"sd\": 2, \"q1\": 2, \"median\": 4, \"q3\": 8}",
                        "{\"improved\": {\"count\": 8, \"fraction\": 1}, \"unchanged\": {\"count\": 0, "
                                + "\"fraction\": 0}, \"worsened\": {\"count\": 0, \"fraction\": 0}}"),
                HELD_OUT_COUNTS);
        Document d = parse(CardPlots.svg(card, "t<1>").orElseThrow());
        Element baseline = panel(d, "baseline");
        assertThat(splits(baseline)).containsExactly("train", "tuning");
        List<Element> boxes = elements(baseline, "rect", "iqr");
        List<Element> medians = elements(baseline, "line", "median");
        double train = number(boxes.get(0), "width");
        double tuning = number(boxes.get(1), "width");
        // Interquartile ranges 2 and 6: one box three times the other, both from the same q1.
        assertThat(tuning / train).isCloseTo(3, within(0.01));
        assertThat(number(boxes.get(0), "x")).isEqualTo(number(boxes.get(1), "x"));
        // The median halfway through the first box, a third of the way through the second.
        assertThat((number(medians.get(0), "x1") - number(boxes.get(0), "x")) / train)
                .isCloseTo(0.5, within(0.01));
        assertThat((number(medians.get(1), "x1") - number(boxes.get(1), "x")) / tuning)
                .isCloseTo(1.0 / 3, within(0.01));
        List<Element> means = elements(baseline, "circle", "mean");
        assertThat(number(means.get(1), "cx") - number(means.get(0), "cx"))
                .as("means 3 and 5: the distance of one interquartile range of train")
                .isCloseTo(train, within(0.15));

        Element direction = panel(d, "direction");
        List<Element> shares = elements(direction, "rect", "share");
        assertThat(shares)
                .extracting(s -> s.getAttribute("data-value"))
                .containsExactly("improved", "unchanged", "worsened", "improved", "unchanged", "worsened");
        double whole = number(shares.get(3), "width");
        assertThat(number(shares.get(0), "width") / whole).isCloseTo(0.5, within(0.005));
        assertThat(number(shares.get(1), "width") / whole).isCloseTo(0.25, within(0.005));
        assertThat(number(shares.get(2), "width") / whole).isCloseTo(0.25, within(0.005));
        assertThat(number(shares.get(4), "width")).isZero();
    }

    @Test
    void heldOutIsNeverDrawnEvenWhenACardCarriedItsNumbers() throws Exception {
        String stats = "{\"n\": 3, \"mean\": 777.7, \"sd\": 1, \"q1\": 776.1, \"median\": 777.3, \"q3\": 779.9}";
        // A held_out split claiming released labels and statistics: drawn nevertheless not, by its name.
        String heldOut = released(stats, "{\"improved\": {\"count\": 3, \"fraction\": 1}}")
                .replace("\"records\": 8", "\"records\": 3");
        JsonNode card = card(
                released("{\"n\": 8, \"mean\": 3, \"q1\": 2, \"median\": 3, \"q3\": 4}", "{}"),
                HELD_OUT_COUNTS,
                heldOut);
        String svg = CardPlots.svg(card, "t<1>").orElseThrow();
        assertThat(svg).doesNotContain("held_out", "777", "776", "779");
        for (String variable : List.of("baseline", "change", "followUpDays")) {
            assertThat(splits(panel(parse(svg), variable))).containsExactly("train");
        }
        // The fixture's card: none of its held-out label values, no held_out row.
        JsonNode fixture = DatasetCard.json(DatasetFixture.content(1));
        for (String task : List.of(HBA1C, LDL)) {
            String plotted = CardPlots.svg(fixture, task).orElseThrow();
            assertThat(plotted).doesNotContain("held_out");
            for (String value : DatasetFixture.HELD_OUT_LABEL_TEXT) {
                assertThat(plotted).doesNotContain(value);
            }
        }
    }

    @Test
    void aSplitOfFewerThanKRecordsHasNoRowAndATaskWithoutStatisticsNoPlot() throws Exception {
        JsonNode at1 = DatasetCard.json(DatasetFixture.content(1));
        Document hba1c = parse(CardPlots.svg(at1, HBA1C).orElseThrow());
        assertThat(splits(panel(hba1c, "baseline"))).containsExactly("train", "tuning");
        // k = 2: the HbA1c tuning split (1 record) shows counts only, so it has no row; every LDL split has fewer
        // than 2 records, so the LDL task has no plot.
        JsonNode at2 = DatasetCard.json(DatasetFixture.content(2));
        Document hba1c2 = parse(CardPlots.svg(at2, HBA1C).orElseThrow());
        for (String variable : List.of("baseline", "change", "followUpDays", "direction")) {
            assertThat(splits(panel(hba1c2, variable))).as(variable).containsExactly("train");
        }
        assertThat(CardPlots.svg(at2, LDL)).isEmpty();
        JsonNode at5 = DatasetCard.json(DatasetFixture.content(5));
        assertThat(CardPlots.svg(at5, HBA1C)).isEmpty();
        assertThat(CardPlots.svg(at5, LDL)).isEmpty();
        assertThat(CardPlots.hasTask(at5, LDL)).isTrue();
        assertThat(CardPlots.svg(at1, "no-such-task")).isEmpty();
        assertThat(CardPlots.hasTask(at1, "no-such-task")).isFalse();
    }

    @Test
    void titledDescribedWithAxesInTheirUnits() throws Exception {
        JsonNode at1 = DatasetCard.json(DatasetFixture.content(1));
        Document d = parse(CardPlots.svg(at1, HBA1C).orElseThrow());
        Element svg = d.getDocumentElement();
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        List<Element> children = new ArrayList<>();
        for (Node n = svg.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        assertThat(children.get(0).getLocalName()).isEqualTo("title");
        assertThat(children.get(0).getTextContent()).contains(HBA1C).contains("train and tuning");
        assertThat(children.get(1).getLocalName()).isEqualTo("desc");
        // The description gives the plotted numbers, as the card prints them (train baseline 8.1 and 6.9).
        assertThat(children.get(1).getTextContent())
                .contains("Baseline hba1c, train: n 2, q1 7.2, median 7.5, q3 7.8, mean 7.5.")
                .contains("no minimum or maximum");
        assertThat(label(d, "baseline")).isEqualTo("hba1c (%)");
        assertThat(label(d, "change")).isEqualTo("change of hba1c (%)");
        assertThat(label(d, "followUpDays")).contains("days");
        assertThat(label(d, "direction")).contains("share");
    }

    private static String label(Document d, String variable) {
        return elements(panel(d, variable), "text", "axis-label").get(0).getTextContent();
    }

    @Test
    void nothingFinerThanTheCardAndNothingUnescaped() throws Exception {
        JsonNode at1 = DatasetCard.json(DatasetFixture.content(1));
        String svg = CardPlots.svg(at1, HBA1C).orElseThrow();
        // Coordinates have one decimal at most; every other number is one the card prints.
        Matcher coordinates = Pattern.compile("(?:x|y|x1|x2|y1|y2|cx|cy|width)=\"(-?\\d+(?:\\.\\d+)?)\"")
                .matcher(svg);
        int seen = 0;
        while (coordinates.find()) {
            seen++;
            assertThat(coordinates.group(1)).matches("-?\\d+(\\.\\d)?");
        }
        assertThat(seen).isGreaterThan(20);
        // Numbers in titles and the description (tick labels are round axis steps, not data).
        Document d = parse(svg);
        StringBuilder text = new StringBuilder();
        for (String name : List.of("title", "desc")) {
            elements(d.getDocumentElement(), name, null)
                    .forEach(e -> text.append(e.getTextContent()).append(' '));
        }
        Matcher decimals = Pattern.compile("-?\\d+\\.\\d+").matcher(text);
        String numbers = at1.toString();
        while (decimals.find()) {
            assertThat(numbers).as(decimals.group()).contains(decimals.group());
        }
        // A task id with markup stays text.
        String escaped = CardPlots.svg(
                        card(
                                released("{\"n\": 8, \"mean\": 3, \"q1\": 2, \"median\": 3, \"q3\": 4}", "{}"),
                                HELD_OUT_COUNTS,
                                HELD_OUT_COUNTS),
                        "t<1>")
                .orElseThrow();
        assertThat(escaped).contains("t&lt;1&gt;").doesNotContain("t<1>");
        assertThat(parse(escaped).getDocumentElement().getAttribute("data-task"))
                .isEqualTo("t<1>");
    }

    @Test
    void everyElementAndAttributeIsOneTheBenchmarkPageCopies() throws Exception {
        String script;
        try (var in = getClass().getResourceAsStream("/static/apps/benchmark/card-plots.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> elements = allowed(script, "ELEMENTS");
        List<String> attributes = allowed(script, "ATTRIBUTES");
        JsonNode at1 = DatasetCard.json(DatasetFixture.content(1));
        Document d = parse(CardPlots.svg(at1, HBA1C).orElseThrow());
        NodeList all = d.getElementsByTagNameNS("*", "*");
        assertThat(all.getLength()).isGreaterThan(50);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertThat(e.getNamespaceURI()).isEqualTo(CardPlots.NS);
            assertThat(elements).contains(e.getLocalName());
            for (int a = 0; a < e.getAttributes().getLength(); a++) {
                Node attribute = e.getAttributes().item(a);
                if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                    assertThat(attributes).as(e.getLocalName()).contains(attribute.getNodeName());
                }
            }
        }
    }

    /** The names in {@code const NAME = new Set([...])} of the page's script. */
    private static List<String> allowed(String script, String name) {
        Matcher set = Pattern.compile("const " + name + " = new Set\\(\\[([^\\]]*)\\]\\)")
                .matcher(script);
        assertThat(set.find()).as(name).isTrue();
        List<String> names = new ArrayList<>();
        Matcher quoted = Pattern.compile("'([^']+)'").matcher(set.group(1));
        while (quoted.find()) {
            names.add(quoted.group(1));
        }
        return names;
    }
}
