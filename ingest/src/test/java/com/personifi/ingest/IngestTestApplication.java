package com.personifi.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Boots the ingest library alone for its integration tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
class IngestTestApplication {
}
