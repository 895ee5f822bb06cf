package com.personifi.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.junit.jupiter.api.Test;

class TransactionIdsUnitTest {

    @Test
    void sameReceiptOnSameAccountIsSameTransaction() {
        UUID account = UUID.randomUUID();

        assertThat(TransactionIds.transactionId(account, "QJK3ABCDEF"))
                .isEqualTo(TransactionIds.transactionId(account, "QJK3ABCDEF"))
                .isNotEqualTo(TransactionIds.transactionId(account, "QJK3ABCDEG"))
                .isNotEqualTo(TransactionIds.transactionId(UUID.randomUUID(), "QJK3ABCDEF"));
    }

    @Test
    void feeOfAReceiptHasItsOwnIdentity() {
        UUID account = UUID.randomUUID();

        assertThat(TransactionIds.transactionId(account, TransactionIds.feeSourceRef("QJK3ABCDEF")))
                .isNotEqualTo(TransactionIds.transactionId(account, "QJK3ABCDEF"));
    }

    @Test
    void otherIdsAreTimeOrderedVersion7() {
        UUID first = TransactionIds.newId();
        UUID second = TransactionIds.newId();

        assertThat(first.version()).isEqualTo(7);
        assertThat(second.compareTo(first)).isPositive();
    }
}
