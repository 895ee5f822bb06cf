package com.personifi.batch.fx;

import java.time.Instant;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Starts the FX rates job for one rates file (a Spring resource location: classpath:…, file:…). */
@Component("fxRatesJobLauncher")
public class FxRatesJob {

    private final JobOperator operator;
    private final Job job;

    FxRatesJob(JobOperator operator, @Qualifier(FxRatesJobConfiguration.JOB) Job job) {
        this.operator = operator;
        this.job = job;
    }

    public JobExecution run(String ratesFile) {
        try {
            return operator.start(job, new JobParametersBuilder()
                    .addString(FxRatesJobConfiguration.RATES_FILE, ratesFile)
                    .addString("requestedAt", Instant.now().toString())
                    .toJobParameters());
        } catch (Exception e) {
            throw new IllegalStateException("FX rates job could not start: " + e.getMessage(), e);
        }
    }
}
