package com.personifi.api.web;

import java.util.Arrays;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The conventions that no controller declares, shown in the OpenAPI document where they apply: {@code Idempotency-Key}
 * on POSTs made for a user (not sign-in and its kin, not multipart uploads), {@code fields} on GETs whose answer is a
 * list, a page or a record.
 */
@Configuration(proxyBeanMethods = false)
class ConventionsDocumentation {

    private static final String AUTH_PACKAGE = "com.personifi.api.auth";

    @Bean
    OperationCustomizer apiConventions() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(PostMapping.class) && actsForAUser(handler) && !multipart(handler)
                    && !forwardedSms(handler) && !declares(operation, "Idempotency-Key")) {
                operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
                        .schema(new StringSchema().maxLength(200))
                        .description("Any unique string, e.g. a UUID. The same request again within 24 hours gets "
                                + "the first answer (Idempotent-Replayed: true) instead of running again; the same "
                                + "key with another request is 422, and while the first still runs, 409. If the "
                                + "answer cannot be kept, the request is undone and answered 503: send it again."));
            }
            if (handler.hasMethodAnnotation(GetMapping.class) && SparseFieldsets.trims(handler.getReturnType())
                    && !declares(operation, SparseFieldsets.PARAMETER)) {
                operation.addParametersItem(new Parameter().in("query").name(SparseFieldsets.PARAMETER)
                        .required(false).schema(new StringSchema()).example("id,amount")
                        .description("Comma-separated fields to keep in each item; an unknown one is a 400 that "
                                + "lists the allowed ones."));
            }
            return operation;
        };
    }

    private static boolean actsForAUser(HandlerMethod handler) {
        return !handler.getBeanType().getPackageName().equals(AUTH_PACKAGE)
                && Arrays.stream(handler.getMethodParameters())
                        .anyMatch(parameter -> parameter.hasParameterAnnotation(AuthenticationPrincipal.class));
    }

    private static boolean multipart(HandlerMethod handler) {
        PostMapping mapping = handler.getMethodAnnotation(PostMapping.class);
        return mapping != null && Arrays.asList(mapping.consumes()).contains(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    /** Deduplicated by receipt and published to Kafka: left out by {@code IdempotentPosts}. */
    private static boolean forwardedSms(HandlerMethod handler) {
        PostMapping mapping = handler.getMethodAnnotation(PostMapping.class);
        return mapping != null && Arrays.asList(mapping.value()).contains("/api/v1/feeds/sms");
    }

    private static boolean declares(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> name.equalsIgnoreCase(parameter.getName()));
    }
}
