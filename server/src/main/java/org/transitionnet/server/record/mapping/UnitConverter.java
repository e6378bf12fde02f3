package org.transitionnet.server.record.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.UcumService;
import org.transitionnet.catalogue.StateVariable;

/**
 * Converts measured values to a state variable's canonical UCUM unit with the UCUM library (no
 * hand-written factors). Substance amounts (mmol/L) become mass concentrations (mg/dL) through the
 * variable's molar mass from the catalogue.
 */
public class UnitConverter {

    private static final String UCUM_SYSTEM = "http://unitsofmeasure.org";
    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private final UcumService ucum;

    public UnitConverter() {
        try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            ucum = new UcumEssenceService(essence);
        } catch (IOException | UcumException e) {
            throw new IllegalStateException("Cannot load the UCUM definitions", e);
        }
    }

    public static boolean isUcum(String system) {
        return UCUM_SYSTEM.equals(system);
    }

    /** The value in the variable's canonical unit, or empty when the unit is unknown or not convertible. */
    public Optional<BigDecimal> toCanonical(BigDecimal value, String unit, StateVariable variable) {
        if (value == null || unit == null || unit.isBlank()) {
            return Optional.empty();
        }
        String target = variable.canonicalUnit();
        if (unit.equals(target)) {
            return Optional.of(value);
        }
        try {
            if (ucum.isComparable(unit, target)) {
                return Optional.of(convert(value, unit, target));
            }
            if (variable.molarMass() != null && ucum.isComparable(unit, "mol/L") && ucum.isComparable(target, "g/L")) {
                BigDecimal molPerLitre = convert(value, unit, "mol/L");
                return Optional.of(convert(molPerLitre.multiply(variable.molarMass(), PRECISION), "g/L", target));
            }
        } catch (UcumException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private BigDecimal convert(BigDecimal value, String from, String to) throws UcumException {
        Decimal converted = ucum.convert(new Decimal(value.toPlainString()), from, to);
        return new BigDecimal(converted.asDecimal(), PRECISION);
    }
}
