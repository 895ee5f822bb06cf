package com.personifi.batch.fx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds rates at start-up where a rates file is configured (the local profile bundles CBK's published sample), so
 * the stream can convert currencies before the first nightly run.
 */
@Component
@ConditionalOnProperty("personifi.batch.fx-seed-file")
class FxRatesSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FxRatesSeed.class);

    private final FxRatesJob job;
    private final String seedFile;

    FxRatesSeed(FxRatesJob job, @Value("${personifi.batch.fx-seed-file}") String seedFile) {
        this.job = job;
        this.seedFile = seedFile;
    }

    @Override
    public void run(ApplicationArguments args) {
        BatchStatus status = job.run(seedFile).getStatus();
        if (status != BatchStatus.COMPLETED) {
            log.warn("FX rate seed from {} ended {}", seedFile, status);
        }
    }
}
