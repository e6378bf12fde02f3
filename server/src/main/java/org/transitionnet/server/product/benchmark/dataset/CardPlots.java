package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transitionnet.server.product.benchmark.Split;

/**
 * Pictures of a task's numbers on the dataset card, as SVG: people look at a plot before they read a
 * table of quartiles. It reads the card's JSON ({@link DatasetCard#json}, as stored with the version)
 * and nothing else, so a plot can show no more than the card releases: per train and tuning split the
 * box from q1 to q3 with the median and the mean of the baseline, of the change (the target) and of the
 * follow-up days, and the direction shares as one stacked bar. The positions are drawn from the card's
 * rounded numbers at a coarser resolution than they are printed, and the axes span the released
 * quartiles and means only (the card has no minimum or maximum, so no whisker is drawn). A split the card
 * shows counts only for (held_out always, a train or tuning split of fewer than k records) has no row,
 * and held_out is skipped by name as well: its labels never leave the server. Every SVG has a title, a
 * description with the plotted numbers, and axes labelled with their unit.
 */
public final class CardPlots {

    static final int WIDTH = 640;
    static final int LEFT = 130;
    static final int RIGHT = 24;
    static final int ROW = 22;
    static final int PANEL_TITLE = 20;
    static final int AXIS = 34;
    static final String NS = "http://www.w3.org/2000/svg";

    private static final Map<String, String> DIRECTION_COLOURS =
            Map.of("improved", "#2e7d32", "unchanged", "#9e9e9e", "worsened", "#c62828");

    private CardPlots() {}

    /** A split's summary of one variable as the card releases it: what one box is drawn from. */
    record Box(String split, int n, double q1, double median, double q3, Double mean) {}

    /** A split's direction shares as the card releases them: what one stacked bar is drawn from. */
    record Shares(String split, int records, List<Share> shares) {}

    /** One direction value's count and fraction, as the card prints them: one segment of a stacked bar. */
    record Share(String value, long count, double fraction) {}

    /**
     * The plots of one task of a card, or empty when the card releases no distribution for it (every split
     * counts only) or has no such task.
     */
    public static Optional<String> svg(JsonNode card, String taskId) {
        for (JsonNode task : card.path("tasks")) {
            if (task.path("id").asText().equals(taskId)) {
                return task(task);
            }
        }
        return Optional.empty();
    }

    /** Whether the card has a task of this id. */
    public static boolean hasTask(JsonNode card, String taskId) {
        for (JsonNode task : card.path("tasks")) {
            if (task.path("id").asText().equals(taskId)) {
                return true;
            }
        }
        return false;
    }

    static Optional<String> task(JsonNode task) {
        String variable = task.path("targetVariable").asText();
        String unit = task.path("changeUnit").asText();
        List<JsonNode> splits = new ArrayList<>();
        List<String> names = new ArrayList<>();
        task.path("splits").fields().forEachRemaining(e -> {
            if (plotted(e.getKey(), e.getValue())) {
                names.add(e.getKey());
                splits.add(e.getValue());
            }
        });
        List<Panel> panels = new ArrayList<>();
        addBoxes(panels, "baseline", "Baseline " + variable, variable + " (" + unit + ")", names, splits);
        addBoxes(
                panels,
                "change",
                "Change of " + variable + " (the target)",
                "change of " + variable + " (" + unit + ")",
                names,
                splits);
        addBoxes(
                panels,
                "followUpDays",
                "Follow-up time",
                "days from the episode start to the follow-up measurement",
                names,
                splits);
        List<Shares> shares = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            Shares s = shares(names.get(i), splits.get(i));
            if (s != null) {
                shares.add(s);
            }
        }
        if (panels.isEmpty() && shares.isEmpty()) {
            return Optional.empty();
        }
        int height = 0;
        for (Panel p : panels) {
            height += p.height();
        }
        if (!shares.isEmpty()) {
            height += PANEL_TITLE + ROW * shares.size() + AXIS;
        }
        height += 8;
        String id = task.path("id").asText();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"")
                .append(NS)
                .append("\" class=\"distribution\" role=\"img\" data-task=\"")
                .append(escape(id))
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<title>")
                .append(escape("Distributions of task " + id + " on the " + String.join(" and ", names) + " split"
                        + (names.size() == 1 ? "" : "s")))
                .append("</title>\n");
        svg.append("<desc>").append(escape(description(panels, shares))).append("</desc>\n");
        int y = 0;
        for (Panel p : panels) {
            p.draw(svg, y);
            y += p.height();
        }
        if (!shares.isEmpty()) {
            drawShares(svg, y, shares);
        }
        svg.append("</svg>\n");
        return Optional.of(svg.toString());
    }

    /** Train and tuning only, and only where the card shows statistics (never held_out, never fewer than k). */
    static boolean plotted(String split, JsonNode statistics) {
        return Split.fromCode(split).map(Split::labelsReleased).orElse(false)
                && statistics.path("labelsReleased").asBoolean(false)
                && !statistics.has("statistics");
    }

    private static void addBoxes(
            List<Panel> panels, String field, String title, String axis, List<String> names, List<JsonNode> splits) {
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            JsonNode d = splits.get(i).path(field);
            if (d.path("n").asInt() > 0 && d.hasNonNull("q1") && d.hasNonNull("median") && d.hasNonNull("q3")) {
                boxes.add(new Box(
                        names.get(i),
                        d.path("n").asInt(),
                        d.path("q1").asDouble(),
                        d.path("median").asDouble(),
                        d.path("q3").asDouble(),
                        d.hasNonNull("mean") ? d.path("mean").asDouble() : null));
            }
        }
        if (!boxes.isEmpty()) {
            panels.add(new Panel(field, title, axis, boxes));
        }
    }

    private static Shares shares(String split, JsonNode statistics) {
        List<Share> shares = new ArrayList<>();
        statistics.path("direction").fields().forEachRemaining(e -> {
            if (e.getValue().has("fraction")) {
                shares.add(new Share(
                        e.getKey(),
                        e.getValue().path("count").asLong(),
                        e.getValue().path("fraction").asDouble()));
            }
        });
        return shares.isEmpty()
                ? null
                : new Shares(split, statistics.path("records").asInt(), shares);
    }

    /** One variable: a row per split with its box, on an axis shared so the splits can be compared. */
    record Panel(String field, String title, String axis, List<Box> boxes) {

        int height() {
            return PANEL_TITLE + ROW * boxes.size() + AXIS;
        }

        void draw(StringBuilder svg, int top) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (Box b : boxes) {
                low = Math.min(low, b.q1());
                high = Math.max(high, b.q3());
                if (b.mean() != null) {
                    low = Math.min(low, b.mean());
                    high = Math.max(high, b.mean());
                }
            }
            Scale scale = Scale.of(low, high);
            int rows = openPanel(svg, field, top, title);
            for (int i = 0; i < boxes.size(); i++) {
                Box b = boxes.get(i);
                int y = rows + i * ROW;
                openRow(svg, b.split(), y, b.n());
                double x1 = scale.x(b.q1());
                double x3 = scale.x(b.q3());
                svg.append("<rect class=\"iqr\" x=\"")
                        .append(px(x1))
                        .append("\" y=\"")
                        .append(y + 4)
                        .append("\" width=\"")
                        .append(px(x3 - x1))
                        .append("\" height=\"")
                        .append(ROW - 8)
                        .append("\" fill=\"#9ec3e6\" stroke=\"#1f5fa8\"><title>")
                        .append(escape(b.split() + ": " + summary(b)))
                        .append("</title></rect>\n");
                double xm = scale.x(b.median());
                svg.append("<line class=\"median\" x1=\"")
                        .append(px(xm))
                        .append("\" x2=\"")
                        .append(px(xm))
                        .append("\" y1=\"")
                        .append(y + 2)
                        .append("\" y2=\"")
                        .append(y + ROW - 2)
                        .append("\" stroke=\"#0b2f57\" stroke-width=\"2\"/>\n");
                if (b.mean() != null) {
                    svg.append("<circle class=\"mean\" cx=\"")
                            .append(px(scale.x(b.mean())))
                            .append("\" cy=\"")
                            .append(y + ROW / 2)
                            .append("\" r=\"3\" fill=\"#ffffff\" stroke=\"#0b2f57\"/>\n");
                }
                svg.append("</g>\n");
            }
            int axisY = rows + boxes.size() * ROW + 2;
            scale.axis(svg, axisY, axis);
            svg.append("</g>\n");
        }
    }

    /** Opens a panel's group with its title; returns where its rows start. */
    private static int openPanel(StringBuilder svg, String variable, int top, String title) {
        svg.append("<g class=\"panel\" data-variable=\"").append(variable).append("\">\n");
        text(svg, "panel-title", LEFT, top + 14, "start", "bold", title);
        return top + PANEL_TITLE;
    }

    /** Opens one split's row with its label (the split and its count). */
    private static void openRow(StringBuilder svg, String split, int y, int n) {
        svg.append("<g class=\"split\" data-split=\"").append(escape(split)).append("\">\n");
        text(svg, "split-label", LEFT - 8, y + 15, "end", null, split + " (n " + n + ")");
    }

    private static void drawShares(StringBuilder svg, int top, List<Shares> all) {
        Scale scale = new Scale(0, 100, 25);
        int rows = openPanel(svg, "direction", top, "Direction of the change (share of records)");
        for (int i = 0; i < all.size(); i++) {
            Shares s = all.get(i);
            int y = rows + i * ROW;
            openRow(svg, s.split(), y, s.records());
            double start = 0;
            for (Share share : s.shares()) {
                double x1 = scale.x(100 * start);
                double x2 = scale.x(100 * Math.min(1, start + share.fraction()));
                start += share.fraction();
                svg.append("<rect class=\"share\" data-value=\"")
                        .append(escape(share.value()))
                        .append("\" x=\"")
                        .append(px(x1))
                        .append("\" y=\"")
                        .append(y + 4)
                        .append("\" width=\"")
                        .append(px(x2 - x1))
                        .append("\" height=\"")
                        .append(ROW - 8)
                        .append("\" fill=\"")
                        .append(DIRECTION_COLOURS.getOrDefault(share.value(), "#6a5acd"))
                        .append("\"><title>")
                        .append(escape(s.split() + ": " + share.value() + " " + share.count() + " ("
                                + plain(share.fraction()) + ")"))
                        .append("</title></rect>\n");
            }
            svg.append("</g>\n");
        }
        int axisY = rows + all.size() * ROW + 2;
        scale.axis(
                svg,
                axisY,
                "share of the split's records (%); "
                        + String.join(
                                ", ",
                                all.get(0).shares().stream()
                                        .map(sh -> sh.value() + " " + colourName(sh.value()))
                                        .toList()));
        svg.append("</g>\n");
    }

    private static String colourName(String value) {
        return switch (value) {
            case "improved" -> "green";
            case "unchanged" -> "grey";
            case "worsened" -> "red";
            default -> "purple";
        };
    }

    private static String description(List<Panel> panels, List<Shares> shares) {
        List<String> parts = new ArrayList<>();
        parts.add("Box from the first to the third quartile, line at the median, dot at the mean; "
                + "no minimum or maximum is released. Held-out split and splits of fewer than k records not shown.");
        for (Panel p : panels) {
            for (Box b : p.boxes()) {
                parts.add(p.title() + ", " + b.split() + ": " + summary(b) + ".");
            }
        }
        for (Shares s : shares) {
            parts.add("Direction, " + s.split() + ": "
                    + String.join(
                            ", ",
                            s.shares().stream()
                                    .map(sh -> sh.value() + " " + plain(sh.fraction()))
                                    .toList())
                    + ".");
        }
        return String.join(" ", parts);
    }

    private static String summary(Box b) {
        return "n " + b.n() + ", q1 " + plain(b.q1()) + ", median " + plain(b.median()) + ", q3 " + plain(b.q3())
                + (b.mean() == null ? "" : ", mean " + plain(b.mean()));
    }

    /** A linear axis over the released values' range, with ticks at round steps so it can be read off. */
    record Scale(double low, double high, double step) {

        static Scale of(double low, double high) {
            if (high - low < 1e-9) {
                double pad = Math.max(Math.abs(low) * 0.1, 1);
                low -= pad;
                high += pad;
            }
            double step = niceStep((high - low) / 5);
            return new Scale(Math.floor(low / step) * step, Math.ceil(high / step) * step, step);
        }

        static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double fraction = raw / magnitude;
            double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
            return nice * magnitude;
        }

        double x(double value) {
            return LEFT + (value - low) / (high - low) * (WIDTH - LEFT - RIGHT);
        }

        void axis(StringBuilder svg, int y, String label) {
            svg.append("<g class=\"axis\">\n<line x1=\"")
                    .append(px(x(low)))
                    .append("\" x2=\"")
                    .append(px(x(high)))
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\" stroke=\"#666\"/>\n");
            int ticks = (int) Math.round((high - low) / step);
            for (int i = 0; i <= ticks; i++) {
                double value = low + i * step;
                String x = px(x(value));
                svg.append("<line x1=\"")
                        .append(x)
                        .append("\" x2=\"")
                        .append(x)
                        .append("\" y1=\"")
                        .append(y)
                        .append("\" y2=\"")
                        .append(y + 4)
                        .append("\" stroke=\"#666\"/>\n");
                text(svg, "tick", x(value), y + 14, "middle", null, tick(value));
            }
            text(svg, "axis-label", (x(low) + x(high)) / 2, y + 28, "middle", null, label);
            svg.append("</g>\n");
        }

        /** A tick's value without the noise of binary fractions (0.30000000000000004 is 0.3). */
        private static String tick(double value) {
            return plain(
                    BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_UP).doubleValue());
        }
    }

    private static void text(
            StringBuilder svg, String cls, double x, double y, String anchor, String weight, String content) {
        svg.append("<text class=\"")
                .append(cls)
                .append("\" x=\"")
                .append(px(x))
                .append("\" y=\"")
                .append(px(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append('"');
        if (weight != null) {
            svg.append(" font-weight=\"").append(weight).append('"');
        }
        svg.append(" fill=\"#333\">").append(escape(content)).append("</text>\n");
    }

    /** A coordinate to one decimal: coarser than the card's numbers, so a plot reveals nothing finer. */
    static String px(double value) {
        return plain(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue());
    }

    private static String plain(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        String s = d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
