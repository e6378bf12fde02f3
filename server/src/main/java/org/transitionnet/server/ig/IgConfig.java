package org.transitionnet.server.ig;

import ca.uhn.fhir.batch2.coordinator.JobDefinitionRegistry;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.config.StartupLock;

/**
 * Loads the TransitionNet IG package at start, without network: its profiles, extensions, value
 * sets, code systems, concept maps and search parameters become stored conformance resources that
 * validation, {@code $validate?profile=} and search use; stored once per version, however many nodes start
 * ({@link ImplementationGuideInstaller}). Optionally enforces its profiles on write.
 */
@Configuration
public class IgConfig {

    private static final Logger log = LoggerFactory.getLogger(IgConfig.class);

    @Bean
    public ImplementationGuideInstaller implementationGuideInstaller(
            IPackageInstallerSvc installer, IHapiPackageCacheManager packages, StartupLock startupLock) {
        return new ImplementationGuideInstaller(installer, packages, startupLock);
    }

    @Bean
    public ImplementationGuidePackage implementationGuidePackage(
            IgProperties properties,
            ResourceLoader resources,
            ImplementationGuideInstaller installer,
            JobDefinitionRegistry jobRegistry,
            List<JobDefinition<?>> jobDefinitions) {
        ImplementationGuidePackage ig =
                ImplementationGuidePackage.read(resources.getResource(properties.packageLocation()));
        if (properties.install()) {
            // Installing search parameters starts a reindex job; HAPI registers job definitions only once
            // the context is refreshed, which is after this bean, so register them now.
            jobDefinitions.forEach(jobRegistry::addJobDefinitionIfNotRegistered);
            ImplementationGuideInstaller.Outcome outcome = installer.install(ig);
            log.info(
                    "IG package {}#{}: {}, {} profiles",
                    ig.name(),
                    ig.version(),
                    outcome,
                    ig.profiles().size());
        }
        return ig;
    }

    @Bean
    public ValidationPolicy validationPolicy(IInstanceValidatorModule instanceValidator, IgProperties properties) {
        return new ValidationPolicy(instanceValidator, properties.unknownProfilesAreErrors());
    }

    /** {@code $validate} parses leniently so the validator reports invalid values; every other request stays strict. */
    @Bean
    public RestfulServerContributor validateParsing(FhirContext fhirContext) {
        return server -> {
            // The context's default handler (HAPI has no getter for it): refuses invalid values.
            ValidateParsing parsing = new ValidateParsing(new LenientErrorHandler());
            fhirContext.setParserErrorHandler(parsing);
            server.registerInterceptor(parsing);
        };
    }

    /**
     * The server's CapabilityStatement names the guide and the guide's OperationDefinitions, and carries
     * nothing beyond FHIR's own definitions.
     */
    @Bean
    public RestfulServerContributor igCapabilityStatement(ImplementationGuidePackage ig) {
        return server -> {
            IgCapabilityStatement capabilities = new IgCapabilityStatement(ig);
            server.registerInterceptor(capabilities);
            server.registerInterceptor(new StandardCapabilityStatement());
            log.info(
                    "CapabilityStatement references {} and its operations {}",
                    ig.implementationGuideUrl(),
                    capabilities.operationUrls());
        };
    }

    @Bean
    public RestfulServerContributor profileEnforcement(
            IgProperties properties,
            ImplementationGuidePackage ig,
            FhirContext fhirContext,
            IInstanceValidatorModule instanceValidator) {
        return server -> {
            if (!properties.enforceOnWrite()) {
                return;
            }
            Set<String> profiles = new LinkedHashSet<>();
            ig.profiles().forEach(p -> profiles.add(p.url()));
            server.registerInterceptor(new ProfileEnforcementInterceptor(fhirContext, instanceValidator, profiles));
            log.info("Profiles of {} are enforced on write: {}", ig.name(), profiles);
        };
    }
}
