package com.personifi.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the ingest library alone for its integration tests. */
@SpringBootApplication
class IngestTestApplication {
}
