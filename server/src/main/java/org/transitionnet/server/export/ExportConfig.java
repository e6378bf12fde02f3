package org.transitionnet.server.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.deid.DeidEngine;
import org.transitionnet.server.deid.DeidKey;
import org.transitionnet.server.deid.DeidProperties;
import org.transitionnet.server.deid.DeidRuleSet;
import org.transitionnet.server.export.job.ExportJobParameters;
import org.transitionnet.server.export.job.ResearchExportJob;
import org.transitionnet.server.export.job.SelectExportPatientsStep;
import org.transitionnet.server.export.job.StageRecordsStep;
import org.transitionnet.server.export.job.WriteOutputStep;
import org.transitionnet.server.transition.PatientRecordLoader;
import org.transitionnet.server.transition.TransitionBundleAssembler;
import org.transitionnet.server.transition.TransitionDeriver;
import org.transitionnet.server.transition.TransitionStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * Research export: the de-identification engine (built on first use, so a server without a key
 * starts and serves everything else but refuses exports), the Batch2 job and the Bulk Data operations.
 */
@Configuration
public class ExportConfig {

	@Bean
	public DeidRuleSet deidRuleSet(ResourceLoader resources, DeidProperties properties) {
		try (InputStream in = resources.getResource(properties.rules()).getInputStream()) {
			return DeidRuleSet.read(in);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read de-identification rules from " + properties.rules(), e);
		}
	}

	/** Builds the engine when first needed; throws DeidKeyException (each time) while the key is unusable. */
	@Bean
	public Supplier<DeidEngine> deidEngine(FhirContext fhirContext, DeidRuleSet rules, DeidProperties properties) {
		return new Supplier<>() {
			private volatile DeidEngine engine;

			@Override
			public DeidEngine get() {
				if (engine == null) {
					synchronized (this) {
						if (engine == null) {
							engine = new DeidEngine(fhirContext, rules, DeidKey.of(properties.key()), properties.maxShiftDays(),
									LocalDate.now(ZoneOffset.UTC));
						}
					}
				}
				return engine;
			}
		};
	}

	@Bean
	public ExportStorage exportStorage(JdbcTemplate jdbc, SchemaMigration schemaReady) {
		ExportStorage storage = new ExportStorage(jdbc);
		storage.createTablesIfMissing();
		return storage;
	}

	@Bean
	public TransitionRemovalLog transitionRemovalLog(JdbcTemplate jdbc, SchemaMigration schemaReady, IInterceptorService interceptors) {
		TransitionRemovalLog log = new TransitionRemovalLog(jdbc);
		log.createTableIfMissing();
		interceptors.registerInterceptor(log);
		return log;
	}

	@Bean
	public ExportPurger exportPurger(IJobPersistence jobs, ExportStorage storage, PlatformTransactionManager transactions,
			ExportProperties properties, TransitionRemovalLog removals) {
		return new ExportPurger(jobs, storage, new TransactionTemplate(transactions), properties.retention(), removals,
				properties.removalRetention(), Clock.systemUTC());
	}

	@Bean
	public JobDefinition<ExportJobParameters> researchExportJob(DaoRegistry daos, PatientRecordLoader loader, TransitionDeriver deriver,
			TransitionStore store, Supplier<DeidEngine> deidEngine, ExportStorage storage, IHapiTransactionService transactions,
			FhirContext fhirContext, ExportProperties properties, org.springframework.core.env.Environment environment,
			TransitionRemovalLog removals) {
		RegistryPusher registry = properties.registryUrl() == null ? null
				: new RegistryPusher(fhirContext, () -> environment.resolveRequiredPlaceholders(properties.registryUrl()),
						properties.registryToken());
		return ResearchExportJob.definition(
				new SelectExportPatientsStep(daos, properties.patientsPerChunk(), removals),
				new StageRecordsStep(daos, loader, deriver, store, new TransitionBundleAssembler(daos), deidEngine,
						new ConsentPolicy(properties.consentMode()), storage, transactions, fhirContext),
				new WriteOutputStep(storage, properties.linesPerPart(), registry));
	}

	@Bean
	public RestfulServerContributor researchExportOperations(IJobCoordinator jobs, IJobMaintenanceService maintenance,
			ExportStorage storage, ExportProperties properties, ObjectProvider<ResearchExportAccess> access,
			Supplier<DeidEngine> deidEngine, DaoRegistry daos) {
		return server -> server.registerProvider(new ResearchExportProvider(jobs, maintenance, storage, properties,
				access.getIfAvailable(() -> ResearchExportAccess.ALLOW_ALL), new PollThrottle(properties.minPollInterval(), Clock.systemUTC()),
				deidEngine::get, daos));
	}
}
