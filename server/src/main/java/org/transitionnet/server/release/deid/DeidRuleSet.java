package org.transitionnet.server.release.deid;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A de-identification configuration: ordered rules, the extensions that survive, the restricted
 * ZIP3 prefixes and the precision clinical times are released at. Everything a rule does not keep
 * falls back to the engine's safe defaults (free text, narratives, unknown extensions dropped; dates
 * shifted and coarsened; ids pseudonymised).
 *
 * @param clinicalTimePrecision {@code day} (default: time of day dropped), {@code year}, {@code month},
 *                              {@code minute}, {@code second} or {@code millis}; shifted clinical times are
 *                              released no finer than this
 */
public record DeidRuleSet(
        @JsonProperty("version") String version,
        @JsonProperty("clinicalTimePrecision") String clinicalTimePrecision,
        @JsonProperty("keepExtensions") List<String> keepExtensions,
        @JsonProperty("restrictedZip3") Set<String> restrictedZip3,
        @JsonProperty("rules") List<DeidRule> rules) {

    public DeidRuleSet {
        keepExtensions = keepExtensions == null ? List.of() : List.copyOf(keepExtensions);
        restrictedZip3 = restrictedZip3 == null ? Set.of() : Set.copyOf(restrictedZip3);
        rules = rules == null ? List.of() : List.copyOf(rules);
        clinicalTimePrecision = clinicalTimePrecision == null || clinicalTimePrecision.isBlank()
                ? "day"
                : clinicalTimePrecision.strip();
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a de-identification rule set needs a version");
        }
        precision(clinicalTimePrecision);
    }

    /** The precision shifted clinical times are released at. */
    public TemporalPrecisionEnum timePrecision() {
        return precision(clinicalTimePrecision);
    }

    private static TemporalPrecisionEnum precision(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "year" -> TemporalPrecisionEnum.YEAR;
            case "month" -> TemporalPrecisionEnum.MONTH;
            case "day" -> TemporalPrecisionEnum.DAY;
            case "minute" -> TemporalPrecisionEnum.MINUTE;
            case "second" -> TemporalPrecisionEnum.SECOND;
            case "millis" -> TemporalPrecisionEnum.MILLI;
            default ->
                throw new IllegalArgumentException(
                        "clinicalTimePrecision '" + name + "' is not one of year, month, day, minute, second, millis");
        };
    }

    public static DeidRuleSet read(InputStream yaml) throws IOException {
        ObjectMapper mapper =
                new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return mapper.readValue(yaml, DeidRuleSet.class);
    }
}
