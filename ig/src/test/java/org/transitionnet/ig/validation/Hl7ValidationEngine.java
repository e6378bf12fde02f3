package org.transitionnet.ig.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fhir.ucum.UcumEssenceService;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.utils.validation.constants.ReferenceValidationPolicy;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidationEngine;
import org.hl7.fhir.validation.instance.advisor.BasePolicyAdvisorForFullValidation;

/**
 * The HL7 validator's own ValidationEngine (what the validator CLI runs), offline: R4 core comes from
 * the package cache the build unpacks from Maven Central (target/fhir-home), the IG from the built
 * package.tgz, and there is no terminology server. References are treated as the CLI treats them by
 * default (without {@code -check-references}): one to a resource in the same file or bundle must
 * resolve and match its target profile, one to a resource elsewhere (another file, a server) is not
 * fetched. Shared (as the module's test-jar) with the server's
 * conformance test of its outputs; both set the system properties {@code transitionnet.fhir.home} and
 * {@code transitionnet.ig.package}.
 */
public final class Hl7ValidationEngine {

    private static ValidationEngine engine;

    private Hl7ValidationEngine() {}

    public static synchronized ValidationEngine get() {
        if (engine == null) {
            engine = create();
        }
        return engine;
    }

    public static List<ValidationMessage> messages(String json) {
        return messages(json, List.of());
    }

    /** Validates against the given profiles too (needed for instances of a logical model). */
    public static synchronized List<ValidationMessage> messages(String json, List<String> profiles) {
        List<ValidationMessage> messages = new ArrayList<>();
        ValidationEngine validator = get();
        // Checking an extension's context, the engine opens the default package cache again (for the
        // "other" FHIR versions, which here includes R4 itself): it must find the build's cache then too.
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", System.getProperty("transitionnet.fhir.home"));
        try {
            validator.validate(json.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON, profiles, messages);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            System.setProperty("user.home", userHome);
        }
        return messages;
    }

    private static ValidationEngine create() {
        // The engine looks for packages in ${user.home}/.fhir/packages and offers no other way to set
        // the cache folder before loading core, so user.home points at the build's cache meanwhile.
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", System.getProperty("transitionnet.fhir.home"));
        try (InputStream ucum = Hl7ValidationEngine.class.getResourceAsStream("/ucum-essence.xml")) {
            ValidationEngine created = new ValidationEngine.ValidationEngineBuilder()
                    .withVersion("4.0.1")
                    .withCanRunWithoutTerminologyServer(true)
                    .withNoTerminologyServer()
                    .withUserAgent("transitionnet-ig-tests")
                    .fromSource("hl7.fhir.r4.core#4.0.1");
            created.getIgLoader()
                    .loadIg(
                            created.getIgs(),
                            created.getBinaries(),
                            System.getProperty("transitionnet.ig.package"),
                            true);
            created.getContext().setUcumService(new UcumEssenceService(ucum));
            created.setPolicyAdvisor(
                    new BasePolicyAdvisorForFullValidation(ReferenceValidationPolicy.IGNORE, Set.of()));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | org.fhir.ucum.UcumException e) {
            throw new IllegalStateException(e);
        } finally {
            System.setProperty("user.home", userHome);
        }
    }
}
