package org.transitionnet.ig.catalogue;

import java.util.List;

/** A measured state variable of the catalogue; see mappings/README.md for each field. */
public record StateVariable(
    String id,
    String display,
    String definition,
    List<Measurement> measurements,
    String canonicalUnit,
    List<String> acceptedUnits,
    Double molarMass,
    String desirableDirection,
    double minimalMeaningfulChange,
    int baselineDaysBefore,
    int followUpMinDaysAfter,
    int followUpMaxDaysAfter,
    double plausibleMin,
    double plausibleMax) {
}
