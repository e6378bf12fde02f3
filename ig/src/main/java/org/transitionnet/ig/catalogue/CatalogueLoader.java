package org.transitionnet.ig.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code state-variables.yaml} and {@code action-classes.yaml} into a {@link MappingCatalogue}.
 * Structural problems (missing fields, unknown system aliases, mismatched versions) fail here;
 * cross-references are checked by {@link CatalogueChecker}.
 */
public final class CatalogueLoader {

  public static final String STATE_VARIABLES_FILE = "state-variables.yaml";
  public static final String ACTION_CLASSES_FILE = "action-classes.yaml";

  public MappingCatalogue load(Path directory) throws IOException {
    try (InputStream states = Files.newInputStream(directory.resolve(STATE_VARIABLES_FILE));
        InputStream actions = Files.newInputStream(directory.resolve(ACTION_CLASSES_FILE))) {
      return load(states, actions);
    }
  }

  public MappingCatalogue load(InputStream stateVariablesYaml, InputStream actionClassesYaml) {
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
    List<StateVariable> stateVariables =
        states.list("stateVariables").stream().map(n -> stateVariable(n, stateSystems)).toList();
    List<ActionClass> actionClasses =
        actions.list("actionClasses").stream().map(n -> actionClass(n, actionSystems)).toList();
    return new MappingCatalogue(version, stateVariables, actionClasses);
  }

  private static Object parse(InputStream in) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
  }

  private static StateVariable stateVariable(YamlNode node, Map<String, String> systems) {
    YamlNode baseline = node.child("baselineWindow");
    YamlNode followUp = node.child("followUpWindow");
    YamlNode plausible = node.child("plausibleRange");
    return new StateVariable(
        node.requiredString("id"),
        node.requiredString("display"),
        node.optionalString("definition"),
        node.list("measurements").stream().map(m -> measurement(m, systems)).toList(),
        node.requiredString("canonicalUnit"),
        node.stringList("acceptedUnits"),
        node.optionalDouble("molarMass"),
        node.requiredOneOf("desirableDirection", "decrease", "increase"),
        node.requiredDouble("minimalMeaningfulChange"),
        baseline.requiredInt("daysBefore"),
        followUp.requiredInt("minDaysAfter"),
        followUp.requiredInt("maxDaysAfter"),
        plausible.requiredDouble("min"),
        plausible.requiredDouble("max"));
  }

  private static Measurement measurement(YamlNode node, Map<String, String> systems) {
    CodeRef component = node.has("component") ? code(node.child("component"), systems) : null;
    return new Measurement(code(node, systems), component);
  }

  private static ActionClass actionClass(YamlNode node, Map<String, String> systems) {
    return new ActionClass(
        node.requiredString("id"),
        node.requiredString("display"),
        node.requiredOneOf("kind", "medication", "care-plan"),
        node.optionalString("parent"),
        codes(node, "atc", systems),
        codes(node, "medications", systems),
        codes(node, "carePlanCategories", systems),
        codes(node, "carePlanActivities", systems),
        node.stringList("expectedEffects"));
  }

  private static List<CodeRef> codes(YamlNode node, String key, Map<String, String> systems) {
    return node.list(key).stream().map(c -> code(c, systems)).toList();
  }

  private static CodeRef code(YamlNode node, Map<String, String> systems) {
    String alias = node.requiredString("system");
    String url = systems.get(alias);
    if (url == null) {
      throw new CatalogueException(node.where() + ": unknown system alias '" + alias
          + "' (declare it under 'systems')");
    }
    return new CodeRef(url, node.requiredString("code"), node.optionalString("display"));
  }
}
