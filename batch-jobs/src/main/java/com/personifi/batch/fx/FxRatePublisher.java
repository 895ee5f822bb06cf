package com.personifi.batch.fx;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.ProducerSettings;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes rates to the compacted {@code reference.fx-rates} topic, keyed so the stream's store can range-scan. */
@Component
class FxRatePublisher implements DisposableBean {

    private final AvroSerde<FxRate> serde = AvroSerde.of(FxRate.class);
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;

    FxRatePublisher(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.producers = new DefaultKafkaProducerFactory<>(ProducerSettings.durable(bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        this.template = new KafkaTemplate<>(producers);
    }

    /** Sends a chunk and waits until the broker has all of it, so a completed chunk means published rates. */
    void publish(List<? extends PublishedRate> rates) {
        CompletableFuture<?>[] sends = rates.stream().map(rate -> {
            FxRate event = FxRate.newBuilder().setBase(rate.base()).setQuote(rate.quote()).setDate(rate.date())
                    .setRate(rate.rate()).setSource(rate.source()).build();
            return template.send(Topics.FX_RATES, FxRateKey.of(rate.base(), rate.quote(), rate.date()),
                    serde.serialize(Topics.FX_RATES, event));
        }).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).join();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
