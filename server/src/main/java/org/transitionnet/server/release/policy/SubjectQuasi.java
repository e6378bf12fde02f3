package org.transitionnet.server.release.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything one export releases about one subject that could single them out, across all of its
 * outputs (joined by the pseudonym): the sex, the ages of the research records (released as bands),
 * and every field of the de-identified Patient the TransitionBundles carry, as {@code path=value}
 * (birth year, gender, ZIP3, state, and whatever else the rules keep: marital status, language,
 * multiple birth, deceased, ...). k-anonymity groups subjects by all of it at once, so joining the
 * outputs cannot narrow a group below k.
 *
 * @param sex           administrative gender code, or null
 * @param recordAges    ages in years at the action start of the subject's research records (empty without records)
 * @param patientFields the released Patient's fields as sorted {@code path=value} (empty without bundles)
 */
public record SubjectQuasi(String subject, String sex, SortedSet<Integer> recordAges, SortedSet<String> patientFields) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Patient fields that are not quasi-identifiers: they are the resource's own framing. */
    private static final List<String> FRAMING = List.of("resourceType", "id", "meta");

    public SubjectQuasi {
        Objects.requireNonNull(subject, "subject");
        recordAges = new TreeSet<>(recordAges == null ? List.of() : recordAges);
        patientFields = new TreeSet<>(patientFields == null ? List.of() : patientFields);
    }

    /** The fields of a released (de-identified) Patient, as {@code path=value}; array items share their path. */
    public static SortedSet<String> fieldsOf(String releasedPatientJson) {
        SortedSet<String> fields = new TreeSet<>();
        try {
            JsonNode patient = JSON.readTree(releasedPatientJson);
            for (Iterator<Map.Entry<String, JsonNode>> it = patient.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                // "_x" holds the extensions of the primitive x: the same attribute
                String name = field.getKey().startsWith("_") ? field.getKey().substring(1) : field.getKey();
                if (!FRAMING.contains(name)) {
                    flatten(name, field.getValue(), fields);
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("released Patient is not JSON", e);
        }
        return fields;
    }

    private static void flatten(String path, JsonNode node, SortedSet<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(path + "." + f.getKey(), f.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(item -> flatten(path, item, into));
        } else if (!node.isNull()) {
            into.add(path + "=" + node.asText());
        }
    }

    /** The patient fields still released at a level of the {@link KAnonymity} ladder. */
    public List<String> patientFieldsAt(int level) {
        return patientFields.stream()
                .filter(f -> KAnonymity.releasedAt(level, f.substring(0, f.indexOf('='))))
                .collect(Collectors.toList());
    }

    /** The age bands released at a level, sorted and distinct. */
    public SortedSet<String> ageBandsAt(int level) {
        SortedSet<String> bands = new TreeSet<>();
        recordAges.forEach(age -> bands.add(KAnonymity.band(level, age)));
        return bands;
    }

    /** The group this subject falls in at a level: everything released about them, at that level. */
    public String groupAt(int level) {
        return (sex == null ? "" : sex) + "|" + String.join(",", ageBandsAt(level)) + "|"
                + String.join(";", patientFieldsAt(level));
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("subject", subject);
        if (sex != null) {
            o.put("sex", sex);
        }
        ArrayNode ages = o.putArray("ages");
        recordAges.forEach(ages::add);
        ArrayNode fields = o.putArray("patient");
        patientFields.forEach(fields::add);
        return o.toString();
    }

    public static SubjectQuasi fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            SortedSet<Integer> ages = new TreeSet<>();
            o.path("ages").forEach(a -> ages.add(a.asInt()));
            SortedSet<String> fields = new TreeSet<>();
            o.path("patient").forEach(f -> fields.add(f.asText()));
            return new SubjectQuasi(
                    o.path("subject").asText(),
                    o.hasNonNull("sex") ? o.path("sex").asText() : null,
                    ages,
                    fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staged subject summary is not JSON", e);
        }
    }

    /** The attribute names of the patient fields ({@code address.postalCode}, {@code maritalStatus.coding.code}, ...). */
    public SortedSet<String> patientAttributes() {
        SortedSet<String> names = new TreeSet<>();
        patientFields.forEach(f -> names.add(f.substring(0, f.indexOf('='))));
        return names;
    }
}
