package org.transitionnet.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code state-variables.yaml}, {@code action-classes.yaml} and, where present,
 * {@code condition-classes.yaml} into a {@link MappingCatalogue}.
 * Structural problems (missing fields, unknown system aliases, mismatched versions) fail here;
 * cross-references are checked by {@link CatalogueChecker}; {@link #loadValid} does both, which is
 * what the IG build and the server use.
 */
public final class CatalogueLoader {

    public static final String STATE_VARIABLES_FILE = "state-variables.yaml";
    public static final String ACTION_CLASSES_FILE = "action-classes.yaml";
    /** Optional in a folder: without it no condition is classified (releases then treat every one as unclassified). */
    public static final String CONDITION_CLASSES_FILE = "condition-classes.yaml";
    /** Where the catalogue lies on the classpath (this module's jar). */
    public static final String CLASSPATH_DIRECTORY = "transitionnet/mappings/";

    /** Keys of an action class that are not code lists. */
    private static final Set<String> CLASS_FIELDS = Set.of("id", "display", "kind", "parent", "expectedEffects");

    public MappingCatalogue load(Path directory) throws IOException {
        Path conditionsFile = directory.resolve(CONDITION_CLASSES_FILE);
        try (InputStream states = Files.newInputStream(directory.resolve(STATE_VARIABLES_FILE));
                InputStream actions = Files.newInputStream(directory.resolve(ACTION_CLASSES_FILE));
                InputStream conditions = Files.exists(conditionsFile) ? Files.newInputStream(conditionsFile) : null) {
            return load(states, actions, conditions);
        }
    }

    /** A catalogue without a condition classification. */
    public MappingCatalogue load(InputStream stateVariablesYaml, InputStream actionClassesYaml) {
        return load(stateVariablesYaml, actionClassesYaml, null);
    }

    /** @param conditionClassesYaml the condition classification, or null for none */
    public MappingCatalogue load(
            InputStream stateVariablesYaml, InputStream actionClassesYaml, InputStream conditionClassesYaml) {
        YamlNode states = YamlNode.root(parse(stateVariablesYaml), STATE_VARIABLES_FILE);
        YamlNode actions = YamlNode.root(parse(actionClassesYaml), ACTION_CLASSES_FILE);
        states.expectKind("state-variables");
        actions.expectKind("action-classes");
        String version = states.requiredString("version");
        if (!version.equals(actions.requiredString("version"))) {
            throw new CatalogueException("state-variables.yaml and action-classes.yaml have different versions: "
                    + version + " / " + actions.requiredString("version"));
        }
        Map<String, String> stateSystems = states.stringMap("systems");
        Map<String, String> actionSystems = actions.stringMap("systems");
        List<StateVariable> stateVariables = states.list("stateVariables").stream()
                .map(n -> stateVariable(n, stateSystems))
                .toList();
        List<ActionKind> actionKinds = actions.list("actionKinds").stream()
                .map(CatalogueLoader::actionKind)
                .toList();
        List<ActionClass> actionClasses = actions.list("actionClasses").stream()
                .map(n -> actionClass(n, actionSystems))
                .toList();
        List<ConditionCategory> categories = List.of();
        List<ClassifiedCondition> conditions = List.of();
        if (conditionClassesYaml != null) {
            YamlNode classes = YamlNode.root(parse(conditionClassesYaml), CONDITION_CLASSES_FILE);
            classes.expectKind("condition-classes");
            if (!version.equals(classes.requiredString("version"))) {
                throw new CatalogueException("state-variables.yaml and condition-classes.yaml have different versions: "
                        + version + " / " + classes.requiredString("version"));
            }
            Map<String, String> conditionSystems = classes.stringMap("systems");
            categories = classes.list("categories").stream()
                    .map(CatalogueLoader::conditionCategory)
                    .toList();
            conditions = classes.list("conditions").stream()
                    .map(n -> new ClassifiedCondition(code(n, conditionSystems), n.requiredString("category")))
                    .toList();
        }
        return new MappingCatalogue(version, actionKinds, stateVariables, actionClasses, categories, conditions);
    }

    /** Loads and checks, with the condition classification. */
    public MappingCatalogue loadValid(
            InputStream stateVariablesYaml, InputStream actionClassesYaml, InputStream conditionClassesYaml) {
        return valid(load(stateVariablesYaml, actionClassesYaml, conditionClassesYaml));
    }

    /** Loads and checks; a catalogue with problems is refused with all of them in the message. */
    public MappingCatalogue loadValid(InputStream stateVariablesYaml, InputStream actionClassesYaml) {
        return valid(load(stateVariablesYaml, actionClassesYaml));
    }

    /** Loads and checks a catalogue folder. */
    public MappingCatalogue loadValid(Path directory) throws IOException {
        return valid(load(directory));
    }

    /** The catalogue this module ships ({@link #CLASSPATH_DIRECTORY}), checked. */
    public MappingCatalogue loadPackaged() {
        ClassLoader loader = CatalogueLoader.class.getClassLoader();
        try (InputStream states = loader.getResourceAsStream(CLASSPATH_DIRECTORY + STATE_VARIABLES_FILE);
                InputStream actions = loader.getResourceAsStream(CLASSPATH_DIRECTORY + ACTION_CLASSES_FILE);
                InputStream conditions = loader.getResourceAsStream(CLASSPATH_DIRECTORY + CONDITION_CLASSES_FILE)) {
            if (states == null || actions == null || conditions == null) {
                throw new CatalogueException(
                        "the packaged catalogue is missing from the classpath (" + CLASSPATH_DIRECTORY + ")");
            }
            return loadValid(states, actions, conditions);
        } catch (IOException e) {
            throw new CatalogueException("cannot read the packaged catalogue: " + e.getMessage());
        }
    }

    private static MappingCatalogue valid(MappingCatalogue catalogue) {
        List<String> problems = new CatalogueChecker().problems(catalogue);
        if (!problems.isEmpty()) {
            throw new CatalogueException("Mapping catalogue " + catalogue.version() + " is inconsistent:\n  "
                    + String.join("\n  ", problems));
        }
        return catalogue;
    }

    private static Object parse(InputStream in) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }

    private static StateVariable stateVariable(YamlNode node, Map<String, String> systems) {
        YamlNode baseline = node.child("baselineWindow");
        YamlNode followUp = node.child("followUpWindow");
        YamlNode plausible = node.child("plausibleRange");
        Double molarMass = node.optionalDouble("molarMass");
        return new StateVariable(
                node.requiredString("id"),
                node.requiredString("display"),
                node.optionalString("definition"),
                node.list("measurements").stream()
                        .map(m -> measurement(m, systems))
                        .toList(),
                node.requiredString("canonicalUnit"),
                node.stringList("acceptedUnits"),
                molarMass == null ? null : decimal(molarMass),
                StateVariable.DesirableDirection.valueOf(
                        node.requiredOneOf("desirableDirection", "decrease", "increase")
                                .toUpperCase(Locale.ROOT)),
                decimal(node.requiredDouble("minimalMeaningfulChange")),
                baseline.requiredInt("daysBefore"),
                followUp.requiredInt("minDaysAfter"),
                followUp.requiredInt("maxDaysAfter"),
                new PlausibleRange(decimal(plausible.requiredDouble("min")), decimal(plausible.requiredDouble("max"))),
                release(node.child("release")));
    }

    private static ReleasePrecision release(YamlNode node) {
        Double bottom = node.optionalDouble("bottomCodePercentile");
        Double top = node.optionalDouble("topCodePercentile");
        return new ReleasePrecision(
                decimal(node.requiredDouble("precision")), bottom == null ? 0 : bottom, top == null ? 100 : top);
    }

    /** The number as written (0.5 stays 0.5, 5 stays 5). */
    private static BigDecimal decimal(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? BigDecimal.valueOf((long) value)
                : new BigDecimal(Double.toString(value));
    }

    private static Measurement measurement(YamlNode node, Map<String, String> systems) {
        CodeRef component = node.has("component") ? code(node.child("component"), systems) : null;
        return new Measurement(code(node, systems), component);
    }

    private static ConditionCategory conditionCategory(YamlNode node) {
        return new ConditionCategory(
                node.requiredString("id"),
                node.requiredString("display"),
                ConditionCategory.Role.of(node.requiredOneOf("role", "adverse-event", "not-an-event", "sensitive")));
    }

    private static ActionKind actionKind(YamlNode node) {
        return new ActionKind(
                node.requiredString("id"),
                node.requiredString("resourceType"),
                node.stringList("start"),
                node.stringList("end"),
                node.requiredString("status"),
                node.stringMap("statuses"),
                node.optionalString("where"),
                node.list("codes").stream()
                        .map(c -> new ActionKind.CodeElement(c.requiredString("path"), c.stringList("classCodes")))
                        .toList(),
                ActionKind.Selection.valueOf(node.requiredOneOf("select", "every", "most-specific")
                        .toUpperCase(Locale.ROOT)
                        .replace('-', '_')),
                node.optionalString("dosage"),
                node.has("referenceElement") ? node.requiredOneOf("referenceElement", "basedOn", "partOf") : "basedOn",
                node.optionalString("patientReference"));
    }

    private static ActionClass actionClass(YamlNode node, Map<String, String> systems) {
        Map<String, List<CodeRef>> codes = new LinkedHashMap<>();
        for (String key : node.keys()) {
            if (!CLASS_FIELDS.contains(key)) {
                codes.put(key, codes(node, key, systems));
            }
        }
        return new ActionClass(
                node.requiredString("id"),
                node.requiredString("display"),
                node.requiredString("kind"),
                node.optionalString("parent"),
                codes,
                node.stringList("expectedEffects"));
    }

    private static List<CodeRef> codes(YamlNode node, String key, Map<String, String> systems) {
        return node.list(key).stream().map(c -> code(c, systems)).toList();
    }

    private static CodeRef code(YamlNode node, Map<String, String> systems) {
        String alias = node.requiredString("system");
        String url = systems.get(alias);
        if (url == null) {
            throw new CatalogueException(
                    node.where() + ": unknown system alias '" + alias + "' (declare it under 'systems')");
        }
        return new CodeRef(url, node.requiredString("code"), node.optionalString("display"));
    }
}
