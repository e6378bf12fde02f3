package org.transitionnet.server.config;

import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;

/** Applies {@link JobsProperties} to HAPI's Batch2 engine before its scheduled jobs are started. */
public class Batch2Tuning {

    public Batch2Tuning(JobMaintenanceServiceImpl maintenance, JobsProperties jobs) {
        maintenance.setScheduledJobFrequencyMillis(jobs.maintenanceIntervalMs());
    }
}
