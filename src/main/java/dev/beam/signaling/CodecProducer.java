package dev.beam.signaling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Validator;

@ApplicationScoped
public class CodecProducer {

    @Produces
    @Singleton
    Jsonb jsonb() {
        return JsonbBuilder.create();
    }

    void close(@Disposes Jsonb jsonb) throws Exception {
        jsonb.close();
    }

    @Produces
    @Singleton
    MessageCodec codec(Jsonb jsonb, Validator validator) {
        return new MessageCodec(jsonb, validator);
    }
}
