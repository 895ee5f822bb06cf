package com.personifi.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and capacity of statement imports ({@code personifi.imports.*}).
 *
 * @param maxFileSize   largest upload taken; larger ones are refused before anything is read
 * @param maxRows       most lines a text statement may have (years of M-Pesa history are well under a million)
 * @param workers       imports run at the same time; each is one parser thread and one Kafka transaction
 * @param queueCapacity imports that may wait for a worker; beyond that new uploads are asked to retry later
 * @param perUser       imports one person may have waiting or running at once, so one person's uploads cannot fill
 *                      the queue for everyone
 * @param spoolDir      where uploads wait for their worker (a disk, not a RAM-backed temporary directory, for large
 *                      files); default {@code personifi-imports} under {@code java.io.tmpdir}
 */
@ConfigurationProperties("personifi.imports")
public record ImportSettings(@DefaultValue("512MB") DataSize maxFileSize, @DefaultValue("2000000") int maxRows,
                             @DefaultValue("2") int workers, @DefaultValue("20") int queueCapacity,
                             @DefaultValue("3") int perUser, String spoolDir) {
}
