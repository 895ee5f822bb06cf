package com.personifi.connectors.cdc;

import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;

/**
 * What becomes of one batch of captured changes. Returning means every record of the batch is on Kafka (acknowledged),
 * so its position may be stored; throwing means none of it counts and the batch comes again after a restart.
 */
interface CapturedChanges {

    void deliver(List<SourceRecord> batch) throws Exception;
}
