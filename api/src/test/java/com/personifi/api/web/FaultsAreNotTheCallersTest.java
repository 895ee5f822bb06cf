package com.personifi.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/**
 * An {@link IllegalArgumentException} raised inside our own code is a fault: the caller gets 500 without its message
 * (which may name internals), while the refusals written for callers keep theirs.
 */
class FaultsAreNotTheCallersTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void anIllegalArgumentFromInsideIsA500WithoutItsMessage() {
        ProblemDetail problem = handler.fault(new IllegalArgumentException("column accounts.number_cipher is null"));

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("number_cipher");
    }

    @Test
    void aDateTimeFailureFromInsideIsA500Too() {
        assertThat(handler.fault(new DateTimeException("Unknown time-zone ID: X")).getStatus()).isEqualTo(500);
    }

    @Test
    void aRefusalWrittenForTheCallerKeepsItsMessage() {
        ProblemDetail problem = handler.badInput(new InvalidRequestException("limit must be between 1 and 50"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("limit must be between 1 and 50");
    }

    @Test
    void graphQlMutationsGiveTheSameAnswers() {
        assertThat(UserErrors.of(new InvalidRequestException("to must not be before from"), null))
                .extracting(UserError::message).containsExactly("to must not be before from");
        assertThatThrownBy(() -> UserErrors.of(new IllegalArgumentException("internal"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
