package com.personifi.streams.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.personifi.schemas.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last net under the processors' own error handling: a record that fails anywhere in the topology is sent, as it
 * was read from its source topic, to the dead-letter topic with the reason and where it came from, and the stream
 * goes on. Without it the stream thread would die on the record, be replaced, and fail on it again forever.
 * <p>
 * The dead letter is written outside the stream's transaction and acknowledged before the stream moves on, so it is
 * never lost; if that transaction aborts, the record is processed again and may be dead-lettered twice. If the
 * dead letter cannot be written, processing fails rather than drop the record silently.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    /** Config key under which the runner hands over the {@link Publisher}. */
    public static final String PUBLISHER_CONFIG = "personifi.dead-letter.publisher";
    public static final String SOURCE_HEADER = "personifi.dead-letter.source";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    /** Writes a dead letter and returns once it is acknowledged. */
    @FunctionalInterface
    public interface Publisher {
        void publish(ProducerRecord<byte[], byte[]> deadLetter) throws Exception;
    }

    private Publisher publisher;

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(PUBLISHER_CONFIG) instanceof Publisher given)) {
            throw new ConfigException(PUBLISHER_CONFIG, configs.get(PUBLISHER_CONFIG), "needs a dead-letter publisher");
        }
        this.publisher = given;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = exception.getClass().getSimpleName() + ": " + exception.getMessage();
        String source = context.topic() + "-" + context.partition() + "@" + context.offset();
        log.error("Processing failed in {} for the record at {}; dead-lettering it: {}", context.processorNodeId(),
                source, reason, exception);
        RecordHeaders headers = new RecordHeaders(context.headers().toArray());
        headers.add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        try {
            publisher.publish(new ProducerRecord<>(Topics.STREAMS_DEAD_LETTER, null, context.sourceRawKey(),
                    context.sourceRawValue(), headers));
            return ProcessingHandlerResponse.CONTINUE;
        } catch (Exception e) {
            log.error("Could not dead-letter the record at {}; failing instead of dropping it", source, e);
            return ProcessingHandlerResponse.FAIL;
        }
    }
}
