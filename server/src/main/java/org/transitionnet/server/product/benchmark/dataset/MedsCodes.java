package org.transitionnet.server.product.benchmark.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of MEDS {@code metadata/codes.parquet}: every code of {@code data/} with a description, and
 * every ancestor action class, so that {@code parent_codes} of {@code ACTION//<class>} can name the
 * next broader class of the catalogue's action-class hierarchy (records list a class and its ancestors,
 * most specific first).
 */
final class MedsCodes {

    /** One row; parents in the order first seen. */
    record Code(String code, String description, List<String> parents) {}

    private MedsCodes() {}

    static List<Code> of(DatasetContent content, List<MedsEvent> events) {
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, LinkedHashSet<String>> parents = new TreeMap<>();
        for (DatasetRecord r : content.records()) {
            units.putIfAbsent(r.baseline().variable(), r.baseline().unit());
            r.inputs().values().forEach(m -> units.putIfAbsent(m.variable(), m.unit()));
            List<String> classes = r.actionClasses();
            for (int i = 0; i < classes.size(); i++) {
                LinkedHashSet<String> up =
                        parents.computeIfAbsent(MedsEvent.ACTION + classes.get(i), c -> new LinkedHashSet<>());
                if (i + 1 < classes.size()) {
                    up.add(MedsEvent.ACTION + classes.get(i + 1));
                }
            }
        }
        TreeMap<String, Code> codes = new TreeMap<>();
        parents.forEach((code, up) -> codes.put(code, new Code(code, describe(code, units), new ArrayList<>(up))));
        for (MedsEvent e : events) {
            codes.computeIfAbsent(e.code(), c -> new Code(c, describe(c, units), List.of()));
        }
        return new ArrayList<>(codes.values());
    }

    private static String describe(String code, Map<String, String> units) {
        if (code.startsWith(MedsEvent.STATE)) {
            String variable = code.substring(MedsEvent.STATE.length());
            String unit = units.get(variable);
            return "Measurement of the state variable " + variable + (unit == null ? "" : " in " + unit)
                    + " (canonical unit of the TransitionNet mapping catalogue)";
        }
        if (code.startsWith(MedsEvent.ACTION)) {
            return "Start of an intervention episode of the action class " + code.substring(MedsEvent.ACTION.length())
                    + " (TransitionNet action-class hierarchy)";
        }
        if (code.startsWith(MedsEvent.SEX)) {
            return "Administrative sex " + code.substring(MedsEvent.SEX.length()) + " (FHIR Patient.gender)";
        }
        if (code.startsWith(MedsEvent.AGE_BAND)) {
            return "Age band " + code.substring(MedsEvent.AGE_BAND.length()) + " years at an episode start";
        }
        return code;
    }
}
